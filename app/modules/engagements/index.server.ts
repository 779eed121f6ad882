/** Engagements' door: the state machine, milestones and the parties' messages. */
export { createEngagementFromBid, getEngagementForViewer, listEngagementsOf, roleInEngagement, transition, type TransitionResult } from "./engagements.server";
export { decideMilestone, postMessage, submitMilestone, type MilestoneResult } from "./milestones.server";
