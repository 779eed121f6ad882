import type { EngagementState, MilestoneStatus } from "~db/schema";

/*
 * The engagement process, declared once. transition() applies it; the workspace asks it which
 * buttons a party sees. Nothing else knows the graph.
 */

export type EngagementActor = "retailer" | "provider" | "admin" | "system";
export type EngagementAction =
  | "confirm_voucher"
  | "confirm_contribution"
  | "start_plan"
  | "start_implementation"
  | "request_review"
  | "complete"
  | "cancel"
  | "dispute"
  | "resume";

export interface GuardContext {
  milestones: { phase: string; status: MilestoneStatus }[];
  /** The engagement's voucher, if a programme granted one. */
  voucher: { status: string; paidAt: Date | null } | null;
}

/** Conditions a transition needs besides state and actor, named so a refusal can say which failed. */
export const guards = {
  adviceApproved: (c: GuardContext) => c.milestones.filter((m) => m.phase === "advice").every((m) => m.status === "approved"),
  implementationSubmitted: (c: GuardContext) =>
    c.milestones.filter((m) => m.phase === "implementation").every((m) => m.status === "submitted" || m.status === "approved"),
  allMilestonesApproved: (c: GuardContext) => c.milestones.every((m) => m.status === "approved"),
  // Once every milestone is approved the work is earned: the retailer completes, and a disagreement
  // is a dispute for the office, not a cancellation that would take the provider's pay back.
  workOutstanding: (c: GuardContext) => !c.milestones.every((m) => m.status === "approved"),
  // No button or call moves an engagement past the voucher without its budget reserved (approval
  // does both), nor past the own share before it is paid. Without a voucher there is nothing to wait for.
  voucherReserved: (c: GuardContext) => c.voucher === null || c.voucher.status === "approved",
  ownSharePaid: (c: GuardContext) => c.voucher === null || c.voucher.paidAt !== null,
} as const;
export type GuardName = keyof typeof guards;

export interface Transition {
  from: EngagementState;
  action: EngagementAction;
  /** "resume" goes back to the state the dispute interrupted. */
  to: EngagementState | "previous";
  actors: readonly EngagementActor[];
  guard?: GuardName;
  needsReason?: boolean;
}

const beforeCompletion: EngagementState[] = ["awaiting_voucher", "awaiting_contribution", "intake", "plan", "implementation", "review"];
const disputable: EngagementState[] = ["plan", "implementation", "review"];

export const engagementTransitions: readonly Transition[] = [
  // The voucher and payment steps: an admin until the vouchers module drives them.
  { from: "awaiting_voucher", action: "confirm_voucher", to: "awaiting_contribution", actors: ["admin", "system"], guard: "voucherReserved" },
  { from: "awaiting_contribution", action: "confirm_contribution", to: "intake", actors: ["admin", "system"], guard: "ownSharePaid" },
  { from: "intake", action: "start_plan", to: "plan", actors: ["provider"] },
  { from: "plan", action: "start_implementation", to: "implementation", actors: ["retailer", "system"], guard: "adviceApproved" },
  // Delivering the implementation asks for the review itself (milestones.server.ts); the provider may still ask.
  { from: "implementation", action: "request_review", to: "review", actors: ["provider", "system"], guard: "implementationSubmitted" },
  { from: "review", action: "complete", to: "completed", actors: ["retailer", "system"], guard: "allMilestonesApproved" },
  // The scheduler cancels too: an own share unpaid after its due date.
  ...beforeCompletion.map((from): Transition =>
    from === "review"
      ? { from, action: "cancel", to: "cancelled", actors: ["retailer"], needsReason: true, guard: "workOutstanding" }
      : { from, action: "cancel", to: "cancelled", actors: ["retailer", "admin", "system"], needsReason: true },
  ),
  { from: "review", action: "cancel", to: "cancelled", actors: ["admin", "system"], needsReason: true },
  // The system disputes too: a card chargeback takes the own share back (payments module).
  ...disputable.map((from): Transition => ({ from, action: "dispute", to: "disputed", actors: ["retailer", "provider", "system"], needsReason: true })),
  { from: "disputed", action: "resume", to: "previous", actors: ["admin"] },
  { from: "disputed", action: "cancel", to: "cancelled", actors: ["admin"], needsReason: true },
];

/** The rule for this move by this actor; without an actor (or none of its own), the first, to say who may. */
export function findTransition(state: EngagementState, action: EngagementAction, actor?: EngagementActor) {
  const candidates = engagementTransitions.filter((t) => t.from === state && t.action === action);
  return candidates.find((t) => actor !== undefined && t.actors.includes(actor)) ?? candidates[0] ?? null;
}

/** The actions a party may take now: what the workspace shows as buttons. */
export function actionsFor(state: EngagementState, actor: EngagementActor) {
  return engagementTransitions.filter((t) => t.from === state && t.actors.includes(actor));
}

/** The phase whose milestone is delivered, judged or delivered again in each state. */
export const phaseOfState: Partial<Record<EngagementState, "advice" | "implementation">> = { plan: "advice", implementation: "implementation", review: "implementation" };

/**
 * Where the engagement stands for the people in it: the state, refined by its current milestone
 * (`planSubmitted`, `reviewChanges`, …). The page's next-step sentence is this step's, for the
 * viewer's part, so it cannot say "the provider is working on it" once the work is delivered.
 */
export function currentStep(state: EngagementState, milestones: { phase: string; status: MilestoneStatus }[]) {
  const phase = phaseOfState[state];
  const milestone = phase ? milestones.find((m) => m.phase === phase) : undefined;
  if (milestone?.status === "submitted") return `${state}Submitted`;
  if (milestone?.status === "changes_requested") return `${state}Changes`;
  return state;
}

/** The path a healthy engagement follows, for the progress bar. */
export const happyPath: EngagementState[] = ["awaiting_voucher", "awaiting_contribution", "intake", "plan", "implementation", "review", "completed"];
