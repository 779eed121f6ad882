import type { ApprovedProfile, ParticipationStatus } from "~db/schema";
import type { ParticipantDecision } from "./schemas";

/**
 * What municipality staff may do with a participant, by its status: the one table the action and
 * the buttons both read. Editing a promotion sends it back to "pending" (see savePromotion).
 * Approving keeps the business's public texts and links as they were (`approvedProfile`); when the
 * retailer changes them later, the campaign keeps showing the approved ones until staff approve
 * the changes.
 */
export const participantDecisions: Record<ParticipantDecision, { from: ParticipationStatus[]; to: ParticipationStatus; featured?: boolean; onlyWhenChanged?: boolean }> = {
  approve: { from: ["pending"], to: "approved" },
  approveChanges: { from: ["approved"], to: "approved", onlyWhenChanged: true },
  feature: { from: ["approved"], to: "approved", featured: true },
  unfeature: { from: ["approved"], to: "approved", featured: false },
  remove: { from: ["pending", "approved"], to: "removed", featured: false },
  reinstate: { from: ["removed"], to: "pending" },
};

/** The decisions open to staff: allowed from this status, and changing something (featuring a featured one does not). */
export function decisionsFor(status: ParticipationStatus, featured: boolean, changedSinceApproval = false): ParticipantDecision[] {
  return (Object.keys(participantDecisions) as ParticipantDecision[]).filter((d) => {
    const rule = participantDecisions[d];
    const changes = rule.onlyWhenChanged ? changedSinceApproval : rule.to !== status || (rule.featured !== undefined && rule.featured !== featured);
    return rule.from.includes(status) && changes;
  });
}

/** The business's public texts and links, to keep on approval and compare with later. */
export function publicProfile(business: ApprovedProfile): ApprovedProfile {
  return { name: business.name, description: business.description, digitalPresence: business.digitalPresence };
}

/** True when the business's public texts or links differ from what the municipality approved. */
export function changedSinceApproval(approved: ApprovedProfile | null, current: ApprovedProfile) {
  return approved !== null && JSON.stringify(canonical(publicProfile(approved))) !== JSON.stringify(canonical(publicProfile(current)));
}

/** Keys in a fixed order: jsonb gives them back in its own. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  return value;
}

/** An edition runs from its first to its last day, inclusive, in Belgian time. */
export function isRunning(edition: { startsOn: string; endsOn: string }, today: string) {
  return edition.startsOn <= today && today <= edition.endsOn;
}
