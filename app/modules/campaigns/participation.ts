import type { ParticipationStatus } from "~db/schema";
import type { ParticipantDecision } from "./schemas";

/**
 * What municipality staff may do with a participant, by its status: the one table the action and
 * the buttons both read. Editing a promotion sends it back to "pending" (see savePromotion).
 */
export const participantDecisions: Record<ParticipantDecision, { from: ParticipationStatus[]; to: ParticipationStatus; featured?: boolean }> = {
  approve: { from: ["pending"], to: "approved" },
  feature: { from: ["approved"], to: "approved", featured: true },
  unfeature: { from: ["approved"], to: "approved", featured: false },
  remove: { from: ["pending", "approved"], to: "removed", featured: false },
  reinstate: { from: ["removed"], to: "pending" },
};

/** The decisions open to staff: allowed from this status, and changing something (featuring a featured one does not). */
export function decisionsFor(status: ParticipationStatus, featured: boolean): ParticipantDecision[] {
  return (Object.keys(participantDecisions) as ParticipantDecision[]).filter((d) => {
    const rule = participantDecisions[d];
    const changes = rule.to !== status || (rule.featured !== undefined && rule.featured !== featured);
    return rule.from.includes(status) && changes;
  });
}

/** An edition runs from its first to its last day, inclusive, in Belgian time. */
export function isRunning(edition: { startsOn: string; endsOn: string }, today: string) {
  return edition.startsOn <= today && today <= edition.endsOn;
}
