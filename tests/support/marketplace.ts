import { eq } from "drizzle-orm";
import { addDays, belgianDate } from "~/lib/dates";
import { db } from "~db/client";
import { milestones, programmes, providers, userMunicipalities, users, vouchers } from "~db/schema";
import { approveVoucher, confirmOwnShare, decideMilestone, submitMilestone, transition } from "~/modules/engagements/index.server";
import { acceptBid, createHelpRequest, publishHelpRequest, submitBid } from "~/modules/marketplace/index.server";
import { BidSchema } from "~/modules/marketplace/rules";
import { decideProvider, saveBusiness, saveProviderProfile } from "~/modules/profiles/index.server";
import { BusinessSchema, ProviderSchema } from "~/modules/profiles/schemas";
import type { ServiceCode } from "~/modules/profiles/taxonomy";
import { newAccount, newEnterpriseNumber } from "./factories";
import { registerUser } from "./accounts";

/** Accounts with a session cookie, for route tests. */
export async function account(role: "retailer" | "provider" | "admin" | "municipality" = "retailer", nisCodes: string[] = []) {
  const selfService = role === "retailer" || role === "provider";
  const result = await registerUser({ ...newAccount({ role: selfService ? role : "retailer" }), locale: "nl" });
  if (!result.ok) throw new Error("setup");
  if (!selfService) await db.update(users).set({ role }).where(eq(users.id, result.user.id));
  if (nisCodes.length) await db.insert(userMunicipalities).values(nisCodes.map((nisCode) => ({ userId: result.user.id, nisCode })));
  return { id: result.user.id, role, cookie: result.cookie.split(";")[0] };
}

export async function businessFor(ownerId: string, overrides: Record<string, unknown> = {}) {
  const enterpriseNumber = newEnterpriseNumber();
  const saved = await saveBusiness(
    ownerId,
    BusinessSchema.parse({ name: "Winkel De Markt", enterpriseNumber, sector: "retail", nisCode: "31005", postalCode: "8000", languages: ["nl"], ...overrides }),
  );
  if (!saved.ok) throw new Error("setup");
  return { id: saved.id, enterpriseNumber };
}

/** A valid provider profile serving Brugge, as the form posts it; overrides replace fields. */
export const providerProfile = (overrides: Record<string, unknown> = {}) =>
  ProviderSchema.parse({
    companyName: "Aanbieder",
    enterpriseNumber: newEnterpriseNumber(),
    foundedOn: "2024-01-01",
    kind: "ict",
    services: ["website", "webshop"],
    sectors: ["retail"],
    baseNisCode: "31005",
    radiusKm: "20",
    languages: ["nl"],
    hourlyRate: "60",
    capacity: "3",
    conflictDeclaration: "on",
    billingMandate: "on",
    ...overrides,
  });

/** An approved provider serving Brugge, with a session. */
export async function approvedProvider(adminId: string, overrides: Record<string, unknown> = {}) {
  const user = await account("provider");
  const saved = await saveProviderProfile(user.id, providerProfile({ companyName: `Aanbieder ${user.id.slice(0, 6)}`, ...overrides }));
  if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
  const [row] = await db.select({ id: providers.id }).from(providers).where(eq(providers.userId, user.id));
  await decideProvider(adminId, { providerId: row.id, action: "approve" });
  return { ...user, providerId: row.id };
}

export const validBid = (overrides: Record<string, string> = {}) => ({
  advicePrice: "400",
  adviceDeliverables: "Een digitaal positioneringsplan met prioriteiten.",
  adviceDays: "10",
  implementationPrice: "900",
  implementationDeliverables: "Een webshop met 50 producten, betalen met Bancontact.",
  implementationDays: "30",
  estimatedHours: "22",
  approach: "Eerst een intake in de winkel, dan het plan, dan bouwen.",
  // A month from today: a start in the past is refused.
  startDate: addDays(belgianDate(), 30),
  ...overrides,
});

/**
 * A help request of the retailer's business, published, bid on by the provider (€400 + €900 unless
 * `price` says otherwise) and accepted: the engagement, and the voucher an open programme granted.
 */
export async function acceptedBid(
  parties: { retailerId: string; businessId: string; providerUserId: string },
  options: { services?: ServiceCode[]; price?: Record<string, string> } = {},
) {
  const { retailerId, businessId, providerUserId } = parties;
  const requestId = (await createHelpRequest(retailerId, { businessId, title: "Webshop", description: "Online verkopen.", services: options.services ?? ["website"], budgetBand: "1000_2500", languages: ["nl"] }))!;
  await publishHelpRequest(retailerId, requestId);
  const bid = await submitBid(providerUserId, requestId, BidSchema.parse(validBid(options.price)));
  if (!bid.ok) throw new Error(bid.error);
  const accepted = await acceptBid(retailerId, requestId, bid.bidId);
  if (!accepted.ok) throw new Error(accepted.error);
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.engagementId, accepted.engagementId));
  return { engagementId: accepted.engagementId, voucher };
}

/**
 * A help request taken through bidding and award to an engagement in the given state. With
 * `voucher`, the voucher a programme granted is approved and the own share confirmed paid, as the
 * office does; without, the engagement is moved past those steps directly.
 */
export async function engagementFor(
  parties: { adminId: string; retailerId: string; providerUserId: string; businessId: string },
  state: "intake" | "plan" | "completed",
  options: { voucher?: boolean } = {},
) {
  const { adminId, retailerId, providerUserId } = parties;
  const { engagementId: id, voucher } = await acceptedBid(parties);
  const asAdmin = { userId: adminId, role: "admin" };
  const asProvider = { userId: providerUserId, role: "provider" };
  if (options.voucher) {
    if (!voucher) throw new Error("no voucher was requested: is there an open programme for this business?");
    const approved = await approveVoucher(adminId, voucher.id);
    if (!approved.ok) throw new Error(approved.error);
    const paid = await confirmOwnShare(adminId, voucher.id);
    if (!paid.ok) throw new Error(paid.error);
  } else {
    await transition(id, "confirm_voucher", asAdmin);
    await transition(id, "confirm_contribution", asAdmin);
  }
  if (state === "intake") return id;
  await transition(id, "start_plan", asProvider);
  if (state === "plan") return id;
  const steps = await db.select().from(milestones).where(eq(milestones.engagementId, id)).orderBy(milestones.position);
  await submitMilestone({ id: providerUserId, role: "provider" }, steps[0].id, { text: "plan", links: [] });
  await decideMilestone({ id: retailerId, role: "retailer" }, steps[0].id, { approve: true });
  // Delivering the implementation asks for the review; approving it completes the engagement.
  await submitMilestone({ id: providerUserId, role: "provider" }, steps[1].id, { text: "klaar", links: [] });
  await decideMilestone({ id: retailerId, role: "retailer" }, steps[1].id, { approve: true });
  return id;
}

/** An open programme for the retail, tourism and hospitality sectors, its window wide open. */
export async function newProgramme(budgetCents: number, overrides: Partial<typeof programmes.$inferInsert> = {}) {
  const [row] = await db
    .insert(programmes)
    .values({ name: "Relance test", budgetCents, eligibleSectors: ["retail", "tourism", "hospitality"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034", ...overrides })
    .returning({ id: programmes.id });
  return row.id;
}
