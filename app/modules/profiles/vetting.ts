import type { ProviderStatus } from "~db/schema";

/**
 * Provider vetting as data: which decision the admin may take in which status. The queue's buttons
 * and decideProvider() both read this table. A rejected provider who edits their profile goes
 * back to pending (see providers.server.ts): that is the provider's move, not the admin's.
 */
export const vettingTransitions = [
  { from: "pending", action: "approve", to: "approved", needsReason: false },
  { from: "pending", action: "reject", to: "rejected", needsReason: true },
  { from: "approved", action: "suspend", to: "suspended", needsReason: true },
  { from: "suspended", action: "approve", to: "approved", needsReason: false },
] as const satisfies readonly { from: ProviderStatus; action: string; to: ProviderStatus; needsReason: boolean }[];

export type VettingAction = (typeof vettingTransitions)[number]["action"];

export function vettingActionsFor(status: ProviderStatus) {
  return vettingTransitions.filter((t) => t.from === status);
}

export function findVettingTransition(status: ProviderStatus, action: VettingAction) {
  return vettingTransitions.find((t) => t.from === status && t.action === action) ?? null;
}
