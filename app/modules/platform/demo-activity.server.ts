import { and, desc, eq } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, invitations, milestones, providers, users } from "~db/schema";
import { addDays, belgianDate } from "~/lib/dates";
import { approveVoucher, confirmOwnShare, decideMilestone, getVoucherOfEngagement, matchBankLines, submitMilestone, submitReview, transition } from "~/modules/engagements/index.server";
import { acceptBid, createHelpRequest, publishHelpRequest, submitBid } from "~/modules/marketplace/index.server";
import { BidSchema } from "~/modules/marketplace/rules";
import { createPayoutBatch, readBankStatement } from "~/modules/payments/index.server";
import type { ServiceCode } from "~/modules/profiles/taxonomy";

/*
 * The demo's marketplace activity, made through the same functions people use: so each role's
 * dashboard and the office's charts show something on first sign-in (see the README's table).
 * Requests open with proposals and in draft; engagements in progress, waiting for the own share and
 * completed with a review; one stopped after its advice, its own share paid by transfer and the rest
 * on the refund list; vouchers; and a paid payout batch.
 */

async function ownerOf(businessName: string) {
  const [row] = await db.select({ businessId: businesses.id, ownerId: businesses.ownerId }).from(businesses).where(eq(businesses.name, businessName));
  if (!row) throw new Error(`demo business missing: ${businessName}`);
  return row;
}

const bid = (advice: number, implementation: number) =>
  BidSchema.parse({
    advicePrice: String(advice),
    adviceDeliverables: "Een plan met prioriteiten voor je digitale aanwezigheid.",
    adviceDays: "10",
    implementationPrice: String(implementation),
    implementationDeliverables: "Het plan uitgevoerd, met uitleg zodat je het zelf kan bijhouden.",
    implementationDays: "30",
    estimatedHours: "20",
    approach: "Eerst een intake in je zaak, dan het plan, dan de uitvoering.",
    startDate: addDays(belgianDate(), 14),
  });

/** A published request of the business, and the user ids of the providers it invited, best fit first. */
async function openRequest(businessName: string, title: string, description: string, services: ServiceCode[]) {
  const { businessId, ownerId } = await ownerOf(businessName);
  const requestId = await createHelpRequest(ownerId, { businessId, title, description, services, budgetBand: "1000_2500", languages: ["nl"] });
  if (!requestId) throw new Error(`demo request not created: ${title}`);
  const published = await publishHelpRequest(ownerId, requestId);
  if (!published.ok) throw new Error(`demo request not published: ${title}`);
  const invited = await db
    .select({ userId: providers.userId })
    .from(invitations)
    .innerJoin(providers, eq(providers.id, invitations.providerId))
    .where(eq(invitations.helpRequestId, requestId))
    .orderBy(desc(invitations.score));
  return { requestId, ownerId, invited: invited.map((i) => i.userId) };
}

/** A request awarded to its best-fitting provider: the engagement, waiting for the voucher. */
async function awarded(businessName: string, title: string, services: ServiceCode[], prices: [number, number], { smallEnterprise = false } = {}) {
  const request = await openRequest(businessName, title, "Meer klanten bereiken met een betere digitale aanwezigheid.", services);
  const providerUserId = request.invited[0];
  // A starter under the small-enterprise exemption: no VAT on its price, voucher or invoices.
  if (smallEnterprise) await db.update(providers).set({ vatStatus: "small_enterprise" }).where(eq(providers.userId, providerUserId));
  const submitted = await submitBid(providerUserId, request.requestId, bid(...prices));
  if (!submitted.ok) throw new Error(`demo bid refused: ${submitted.error}`);
  const accepted = await acceptBid(request.ownerId, request.requestId, submitted.bidId);
  if (!accepted.ok) throw new Error(`demo bid not accepted: ${accepted.error}`);
  return { engagementId: accepted.engagementId, retailerId: request.ownerId, providerUserId };
}

async function voucherPaid(adminId: string, engagementId: string, { paid }: { paid: boolean }) {
  const found = await getVoucherOfEngagement(engagementId);
  if (!found) throw new Error("demo engagement without voucher");
  if (!(await approveVoucher(adminId, found.voucher.id)).ok) throw new Error("demo voucher not approved");
  if (paid && !(await confirmOwnShare(adminId, found.voucher.id)).ok) throw new Error("demo own share not confirmed");
}

async function deliver(engagementId: string, providerUserId: string, position: number, text: string) {
  const [milestone] = await db.select().from(milestones).where(and(eq(milestones.engagementId, engagementId), eq(milestones.position, position)));
  const result = await submitMilestone({ id: providerUserId, role: "provider" }, milestone.id, { text, links: [] });
  if (!result.ok) throw new Error(`demo milestone not delivered: ${result.error}`);
  return milestone.id;
}

export async function seedDemoActivity() {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.koppel.test"));

  // Open for proposals, with two of them in; and a draft.
  const open = await openRequest("Vishandel De Noordzee", "Verse vis online bestellen en afhalen", "Klanten willen 's avonds bestellen en 's ochtends afhalen.", ["webshop", "click_and_collect"]);
  for (const [index, providerUserId] of open.invited.slice(0, 2).entries()) {
    const submitted = await submitBid(providerUserId, open.requestId, bid(350 + index * 50, 1200 + index * 150));
    if (!submitted.ok) throw new Error(`demo bid refused: ${submitted.error}`);
  }
  const kaas = await ownerOf("Kaashandel Roeselare");
  await createHelpRequest(kaas.ownerId, { businessId: kaas.businessId, title: "Onze kazen vindbaar in Google", description: "Toeristen vinden ons niet.", services: ["google_business_profile", "seo_sea"], budgetBand: "up_to_1000", languages: ["nl"] });

  // Waiting for the own share: the voucher approved, the transfer not yet in.
  const waiting = await awarded("B&B Hoppeland", "Online boeken voor onze kamers", ["online_booking", "website"], [300, 900]);
  await voucherPaid(admin.id, waiting.engagementId, { paid: false });

  // In progress: the advice delivered, waiting for the retailer's approval.
  const running = await awarded("Taverne De Lakenhalle", "Reserveren en onze menukaart online", ["website", "online_booking"], [400, 1100]);
  await voucherPaid(admin.id, running.engagementId, { paid: true });
  await transition(running.engagementId, "start_plan", { userId: running.providerUserId, role: "provider" });
  await deliver(running.engagementId, running.providerUserId, 1, "Het plan staat in de gedeelde map: eerst reserveren, dan de menukaart.");

  // Completed and reviewed; its provider has an IBAN, and the office paid the batch.
  const done = await awarded("Bakkerij Devos", "Een website met bestellen voor de feestdagen", ["website", "webshop"], [300, 1000]);
  await voucherPaid(admin.id, done.engagementId, { paid: true });
  const retailer = { id: done.retailerId, role: "retailer" };
  await transition(done.engagementId, "start_plan", { userId: done.providerUserId, role: "provider" });
  await decideMilestone(retailer, await deliver(done.engagementId, done.providerUserId, 1, "Plan opgeleverd."), { approve: true });
  // Delivering asks for the review; approving completes.
  const implementation = await deliver(done.engagementId, done.providerUserId, 2, "De website staat online, bestellen werkt.");
  await decideMilestone(retailer, implementation, { approve: true });
  await submitReview(retailer, done.engagementId, { rating: 5, body: "Snel, duidelijk en de bestellingen lopen vlot binnen." });
  await db.update(providers).set({ iban: "BE71096123456769" }).where(eq(providers.userId, done.providerUserId));
  const batch = await createPayoutBatch(admin.id);
  if (!batch.ok) throw new Error(`demo payout batch not made: ${batch.error}`);

  // Stopped after the advice: paid by transfer (as the bank's statement shows), the advice earned,
  // the rest of the own share on the office's refund list.
  // Its provider uses the small-enterprise exemption: its invoice and credit note carry no VAT.
  const stopped = await awarded("Modehuis Lina", "Pasafspraken online inplannen", ["online_booking", "website"], [400, 900], { smallEnterprise: true });
  await voucherPaid(admin.id, stopped.engagementId, { paid: false });
  const { voucher } = (await getVoucherOfEngagement(stopped.engagementId))!;
  const statement = readBankStatement(
    `Bedrag;Valutadatum;Rekening tegenpartij;Naam tegenpartij;Mededeling\n${(voucher.ownShareCents / 100).toFixed(2).replace(".", ",")};${belgianDate().split("-").reverse().join("/")};BE62 5100 0754 7061;Modehuis Lina;${voucher.paymentReference}\n`,
  );
  if (!statement.ok || !(await matchBankLines(admin.id, statement.lines)).ok) throw new Error("demo statement not matched");
  await transition(stopped.engagementId, "start_plan", { userId: stopped.providerUserId, role: "provider" });
  await decideMilestone({ id: stopped.retailerId, role: "retailer" }, await deliver(stopped.engagementId, stopped.providerUserId, 1, "Het plan: pasafspraken via de website."), { approve: true });
  await transition(stopped.engagementId, "cancel", { userId: stopped.retailerId, role: "retailer" }, "We stoppen met pasafspraken deze winter.");
}
