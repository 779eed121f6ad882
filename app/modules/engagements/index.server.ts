/** Engagements' door: the state machine, milestones and the parties' messages. */
export { asEngagementState, createEngagementFromBid, getEngagementForViewer, listEngagementsOf, roleInEngagement, transition, type TransitionResult } from "./engagements.server";
export { addProgressLog, decideMilestone, postMessage, submitMilestone, type MilestoneResult } from "./milestones.server";
export { listProviderReviews, replyToReview, submitReview, type ReviewResult } from "./reviews.server";
export { runTimers } from "./timers.server";
export { approveVoucher, confirmOwnShare, getDecisionLetter, getVoucherOfEngagement, recordOwnShareDisputed, recordOwnSharePaid, rejectVoucher, type VoucherStepResult } from "./voucher-steps.server";
export { listOpenTransfers, matchBankLines, maxMovementsPerUpload, type BankStatementSummary } from "./bank-lines.server";
export { getWorkspace, performWorkspaceAction, type WorkspaceOutcome } from "./workspace.server";
