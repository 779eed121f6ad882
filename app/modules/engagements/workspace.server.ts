import type { Role } from "~db/schema";
import { getEngagementForViewer, transition } from "./engagements.server";
import { addProgressLog, decideMilestone, postMessage, submitMilestone } from "./milestones.server";
import { replyToReview, submitReview } from "./reviews.server";
import type { WorkspaceAction } from "./schemas";
import { belgianDate } from "~/lib/dates";
import { currentSettings } from "~/modules/settings/index.server";
import { actionsFor, currentStep, guards, phaseOfState } from "./transitions";
import { approveVoucher, confirmOwnShare, getVoucherOfEngagement, rejectVoucher } from "./voucher-steps.server";

/*
 * The engagement workspace (/trajecten/<id>) as its viewer may use it: what they see and which
 * actions they are offered, and carrying out what they post. The route only parses and answers.
 */

/** With a voucher, its approval and the own share's payment move these steps: never by hand. */
const voucherSteps = new Set<string>(["confirm_voucher", "confirm_contribution"]);

interface Viewer {
  id: string;
  role: Role;
}

/** The workspace for this viewer, or null when they have no part in the engagement. */
export async function getWorkspace(engagementId: string, viewer: Viewer) {
  const view = await getEngagementForViewer(engagementId, viewer);
  if (!view) return null;
  const voucher = await getVoucherOfEngagement(view.engagement.id);
  // The buttons come from the transition table, for this viewer's part in this state, and only
  // those whose condition holds now (no "cancel" once every milestone is approved).
  const context = { milestones: view.milestones, voucher: voucher ? { status: voucher.voucher.status, paidAt: voucher.voucher.paidAt } : null };
  const actions = actionsFor(view.engagement.state, view.role)
    .filter((a) => !(voucher && voucherSteps.has(a.action)))
    .filter((a) => !a.guard || guards[a.guard](context))
    .map((a) => ({ action: a.action, needsReason: Boolean(a.needsReason) }));
  // The next step, from the same state and milestones as the buttons: the sentence and the offer
  // cannot disagree. A delivered milestone says when it is approved without an answer.
  const step = currentStep(view.engagement.state, view.milestones);
  const phase = phaseOfState[view.engagement.state];
  const delivered = view.milestones.find((m) => m.phase === phase && m.status === "submitted");
  const autoApproveOn = delivered?.submittedAt ? belgianDate(new Date(delivered.submittedAt.getTime() + currentSettings().autoApproveDays * 86_400_000)) : null;
  return { ...view, voucher, actions, nextStep: { step, autoApproveOn } };
}

export type WorkspaceOutcome = { ok: true } | { ok: false; status: 400 | 403 | 404 | 409; error: string };

/**
 * Carries out one posted workspace action for a viewer with a part in the engagement. Errors are
 * i18n keys. Paying online is the payments module's (the route sends the retailer to the checkout).
 */
export async function performWorkspaceAction(viewer: Viewer, engagementId: string, input: Exclude<WorkspaceAction, { intent: "payOnline" }>): Promise<WorkspaceOutcome> {
  if (input.intent === "approveVoucher" || input.intent === "rejectVoucher" || input.intent === "confirmPayment") {
    if (viewer.role !== "admin") return { ok: false, status: 403, error: "workspace.errors.forbidden" };
    const result =
      input.intent === "approveVoucher"
        ? await approveVoucher(viewer.id, input.voucherId, input.justification)
        : input.intent === "rejectVoucher"
          ? await rejectVoucher(viewer.id, input.voucherId, input.reason)
          : await confirmOwnShare(viewer.id, input.voucherId);
    return result.ok ? { ok: true } : { ok: false, status: 409, error: `voucher.errors.${result.error}` };
  }
  if (input.intent === "transition" && voucherSteps.has(input.action) && (await getVoucherOfEngagement(engagementId))) {
    return { ok: false, status: 409, error: "voucher.errors.notAllowed" };
  }
  const result =
    input.intent === "transition"
      ? await transition(engagementId, input.action, { userId: viewer.id, role: viewer.role }, input.reason)
      : input.intent === "submit"
        ? await submitMilestone(viewer, input.milestoneId, { text: input.text, links: input.links })
        : input.intent === "decide"
          ? await decideMilestone(viewer, input.milestoneId, { approve: input.decision === "approve", comment: input.comment })
          : input.intent === "log"
            ? await addProgressLog(viewer, engagementId, { workedOn: input.workedOn, hours: input.hours, note: input.note })
            : input.intent === "review"
              ? await submitReview(viewer, engagementId, { rating: input.rating, body: input.body })
              : input.intent === "reply"
                ? await replyToReview(viewer, engagementId, input.reply)
                : await postMessage(viewer, engagementId, input.body);
  if (result.ok) return { ok: true };
  if (result.error === "notFound") return { ok: false, status: 404, error: "errors.notFound" };
  const status = result.error === "forbidden" ? 403 : result.error === "commentRequired" || result.error === "reasonRequired" ? 400 : 409;
  return { ok: false, status, error: `workspace.errors.${result.error}` };
}
