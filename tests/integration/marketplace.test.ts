import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, bidMessages, bids, engagements, helpRequests, invitations, milestones, notices, outbox, providers, users } from "~db/schema";
import { getEngagementForViewer, submitMilestone, decideMilestone, postMessage, transition } from "~/modules/engagements/index.server";
import { acceptBid, createHelpRequest, getOpportunity, listOpportunities, publishHelpRequest, submitBid, withdrawBid } from "~/modules/marketplace/index.server";
import { BidSchema } from "~/modules/marketplace/rules";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { account, approvedProvider, businessFor, validBid } from "../support/marketplace";
import { drainEverything } from "../support/outbox";
import { args, formRequest, getRequest, respond } from "../support/http";
import * as providerHome from "~/routes/aanbieder._index";
import * as providerPage from "~/routes/aanbieders.$slug";
import * as newRequestPage from "~/routes/ondernemer.hulpvragen.nieuw";
import * as retailerHome from "~/routes/ondernemer._index";
import * as requestPage from "~/routes/ondernemer.hulpvragen.$id";
import * as opportunityPage from "~/routes/opdrachten.$id";
import * as editPage from "~/routes/ondernemer.hulpvragen.$id_.bewerken";

let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let stranger: Awaited<ReturnType<typeof account>>;
let business: { id: string; enterpriseNumber: string };
let bidders: Awaited<ReturnType<typeof approvedProvider>>[] = [];

const bid = (overrides: Record<string, string> = {}) => BidSchema.parse(validBid(overrides));

async function newOpenRequest() {
  const id = await createHelpRequest(retailer.id, {
    businessId: business.id,
    title: "Een webshop voor de winkel",
    description: "We willen online verkopen en afhalen in de winkel.",
    services: ["webshop"],
    budgetBand: "1000_2500",
    languages: ["nl"],
  });
  const published = await publishHelpRequest(retailer.id, id!);
  if (!published.ok) throw new Error(published.error);
  return id!;
}

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  stranger = await account("retailer");
  business = await businessFor(retailer.id);
  bidders = [];
  for (let i = 0; i < 7; i++) bidders.push(await approvedProvider(admin.id));
  await drainEverything(allOutboxHandlers); // index the providers
});

describe("a help request", () => {
  it("starts as a draft, opens on publish and invites the five best-fitting providers", async () => {
    const id = await newOpenRequest();
    const [request] = await db.select().from(helpRequests).where(eq(helpRequests.id, id));
    expect(request.status).toBe("open");
    expect(request.bidDeadline.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    const invited = await db.select().from(invitations).where(eq(invitations.helpRequestId, id));
    expect(invited).toHaveLength(5);
    const invitedUserIds = bidders.filter((b) => invited.some((i) => i.providerId === b.providerId)).map((b) => b.id);
    const told = await db.select().from(notices).where(eq(notices.messageKey, "marketplace.notice.invited"));
    expect(told.map((n) => n.userId).sort()).toEqual(expect.arrayContaining(invitedUserIds.sort()));
    const mails = await db.select().from(outbox).where(sql`${outbox.topic} = 'mail.send' and ${outbox.payload}->>'subject' = 'Uitnodiging: Een webshop voor de winkel'`);
    expect(mails.length).toBeGreaterThanOrEqual(5);
    expect(await publishHelpRequest(retailer.id, id)).toEqual({ ok: false, error: "notAllowed" });
  });

  it("is not someone else's to publish", async () => {
    const id = await createHelpRequest(retailer.id, { businessId: business.id, title: "X", description: "Y", services: ["webshop"], budgetBand: "up_to_1000", languages: ["nl"] });
    expect(await publishHelpRequest(stranger.id, id!)).toEqual({ ok: false, error: "notFound" });
    expect(await createHelpRequest(stranger.id, { businessId: business.id, title: "X", description: "Y", services: ["webshop"], budgetBand: "up_to_1000", languages: ["nl"] })).toBeNull();
  });

  it("shows in every eligible provider's feed, best fit first, with reasons", async () => {
    const id = await newOpenRequest();
    const feed = await listOpportunities(bidders[6].id);
    const item = feed.find((f) => f.id === id);
    expect(item?.reasons[0]?.key).toBeTruthy();
    expect(feed.map((f) => f.score)).toEqual([...feed.map((f) => f.score)].sort((a, b) => b - a));
    // A provider who does not offer the service sees neither the feed item nor the page.
    const other = await approvedProvider(admin.id, { services: ["analytics"] });
    expect((await listOpportunities(other.id)).find((f) => f.id === id)).toBeUndefined();
    expect(await getOpportunity(other.id, id)).toBeNull();
  });
});

describe("bids", () => {
  it("takes one bid per provider, editable, and closes after five", async () => {
    const id = await newOpenRequest();
    const first = await submitBid(bidders[0].id, id, bid());
    expect(first.ok).toBe(true);
    const edited = await submitBid(bidders[0].id, id, bid({ advicePrice: "350" }));
    expect(edited).toEqual(first);
    const [row] = await db.select().from(bids).where(eq(bids.helpRequestId, id));
    expect(row.priceCents).toBe(125_000);
    for (let i = 1; i < 5; i++) expect((await submitBid(bidders[i].id, id, bid())).ok).toBe(true);
    expect(await submitBid(bidders[5].id, id, bid())).toEqual({ ok: false, error: "full" });
    // A withdrawal frees a place.
    expect(await withdrawBid(bidders[4].id, id)).toEqual({ ok: true });
    expect((await submitBid(bidders[5].id, id, bid())).ok).toBe(true);
    expect((await db.select({ n: count() }).from(bids).where(eq(bids.helpRequestId, id)))[0].n).toBe(6);
  });

  it("refuses a bid after the deadline", async () => {
    const id = await newOpenRequest();
    await db.update(helpRequests).set({ bidDeadline: new Date(Date.now() - 1000) }).where(eq(helpRequests.id, id));
    expect(await submitBid(bidders[0].id, id, bid())).toEqual({ ok: false, error: "closed" });
    expect((await db.select({ n: count() }).from(bids).where(eq(bids.helpRequestId, id)))[0].n).toBe(0);
  });

  it("refuses a provider with a declared conflict with the business", async () => {
    const id = await newOpenRequest();
    const conflicted = await approvedProvider(admin.id, { conflictEnterpriseNumbers: business.enterpriseNumber });
    expect(await submitBid(conflicted.id, id, bid())).toEqual({ ok: false, error: "notEligible" });
  });
});

describe("accepting a bid", () => {
  it("awards the request, declines the others politely and creates the engagement with its milestones", async () => {
    const id = await newOpenRequest();
    const a = await submitBid(bidders[0].id, id, bid());
    const b = await submitBid(bidders[1].id, id, bid());
    if (!a.ok || !b.ok) throw new Error("setup");
    expect(await acceptBid(stranger.id, id, a.bidId)).toEqual({ ok: false, error: "notFound" });
    const accepted = await acceptBid(retailer.id, id, a.bidId);
    if (!accepted.ok) throw new Error(accepted.error);
    expect((await db.select().from(helpRequests).where(eq(helpRequests.id, id)))[0].status).toBe("awarded");
    expect((await db.select().from(bids).where(eq(bids.id, b.bidId)))[0].status).toBe("rejected");
    const [engagement] = await db.select().from(engagements).where(eq(engagements.id, accepted.engagementId));
    expect(engagement).toMatchObject({ state: "awaiting_voucher", priceCents: 130_000 });
    const steps = await db.select().from(milestones).where(eq(milestones.engagementId, engagement.id));
    expect(steps.map((m) => [m.position, m.phase, m.priceCents]).sort()).toEqual([[1, "advice", 40_000], [2, "implementation", 90_000]]);
    const declined = await db.select().from(notices).where(eq(notices.userId, bidders[1].id));
    expect(declined.map((n) => n.messageKey)).toContain("marketplace.notice.bidDeclined");
    // A second accept, of either bid, changes nothing.
    expect(await acceptBid(retailer.id, id, b.bidId)).toEqual({ ok: false, error: "notAllowed" });
    expect(await acceptBid(retailer.id, id, a.bidId)).toEqual({ ok: false, error: "notAllowed" });
    expect((await db.select({ n: count() }).from(engagements).where(eq(engagements.helpRequestId, id)))[0].n).toBe(1);
    expect(await submitBid(bidders[2].id, id, bid())).toEqual({ ok: false, error: "closed" });
  });

  it("lets exactly one of two simultaneous accepts through", async () => {
    const id = await newOpenRequest();
    const a = await submitBid(bidders[2].id, id, bid());
    const b = await submitBid(bidders[3].id, id, bid());
    if (!a.ok || !b.ok) throw new Error("setup");
    const results = await Promise.all([acceptBid(retailer.id, id, a.bidId), acceptBid(retailer.id, id, b.bidId)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "notAllowed" }]);
    expect((await db.select({ n: count() }).from(engagements).where(eq(engagements.helpRequestId, id)))[0].n).toBe(1);
  });
});

describe("an engagement", () => {
  async function engagementWith() {
    const id = await newOpenRequest();
    const placed = await submitBid(bidders[0].id, id, bid());
    if (!placed.ok) throw new Error("setup");
    const accepted = await acceptBid(retailer.id, id, placed.bidId);
    if (!accepted.ok) throw new Error("setup");
    return accepted.engagementId;
  }
  const asRetailer = () => ({ userId: retailer.id, role: "retailer" });
  const asProvider = () => ({ userId: bidders[0].id, role: "provider" });
  const asAdmin = () => ({ userId: admin.id, role: "admin" });

  it("walks the happy path, each step audited", async () => {
    const id = await engagementWith();
    expect(await transition(id, "confirm_voucher", asAdmin())).toMatchObject({ ok: true, to: "awaiting_contribution" });
    expect(await transition(id, "confirm_contribution", asAdmin())).toMatchObject({ ok: true, to: "intake" });
    expect(await transition(id, "start_plan", asProvider())).toMatchObject({ ok: true, to: "plan" });
    const steps = await db.select().from(milestones).where(eq(milestones.engagementId, id)).orderBy(milestones.position);
    expect(await transition(id, "start_implementation", asRetailer())).toEqual({ ok: false, error: "guardFailed", guard: "adviceApproved" });
    expect(await submitMilestone({ id: bidders[0].id, role: "provider" }, steps[1].id, { text: "te vroeg", links: [] })).toEqual({ ok: false, error: "notAllowed" });
    expect(await submitMilestone({ id: bidders[0].id, role: "provider" }, steps[0].id, { text: "Het plan", links: ["https://plan.example"] })).toEqual({ ok: true });
    expect(await decideMilestone({ id: retailer.id, role: "retailer" }, steps[0].id, { approve: false, comment: "Graag ook Instagram." })).toEqual({ ok: true });
    expect(await submitMilestone({ id: bidders[0].id, role: "provider" }, steps[0].id, { text: "Het plan, met Instagram", links: [] })).toEqual({ ok: true });
    expect(await decideMilestone({ id: retailer.id, role: "retailer" }, steps[0].id, { approve: true })).toEqual({ ok: true });
    // One approval: the approved advice starts the implementation; there is no second step to press.
    expect((await db.select().from(engagements).where(eq(engagements.id, id)))[0].state).toBe("implementation");
    expect(await transition(id, "start_implementation", asRetailer())).toEqual({ ok: false, error: "notAllowed" });
    // A change request says what to change.
    expect(await decideMilestone({ id: retailer.id, role: "retailer" }, steps[0].id, { approve: false, comment: "  " })).toEqual({ ok: false, error: "commentRequired" });
    // Delivering the implementation is the request for review: no "ask for review" to find.
    expect(await submitMilestone({ id: bidders[0].id, role: "provider" }, steps[1].id, { text: "De webshop staat online", links: ["https://shop.example"] })).toEqual({ ok: true });
    expect((await db.select().from(engagements).where(eq(engagements.id, id)))[0].state).toBe("review");
    expect(await transition(id, "complete", asRetailer())).toEqual({ ok: false, error: "guardFailed", guard: "allMilestonesApproved" });
    // Changes asked in review: delivered again in review.
    expect(await decideMilestone({ id: retailer.id, role: "retailer" }, steps[1].id, { approve: false, comment: "De betaalknop werkt niet." })).toEqual({ ok: true });
    expect(await submitMilestone({ id: bidders[0].id, role: "provider" }, steps[1].id, { text: "Betaalknop hersteld", links: [] })).toEqual({ ok: true });
    // Approving the implementation completes the engagement.
    expect(await decideMilestone({ id: retailer.id, role: "retailer" }, steps[1].id, { approve: true })).toEqual({ ok: true });
    expect((await db.select().from(engagements).where(eq(engagements.id, id)))[0].state).toBe("completed");
    const trail = await db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.id);
    expect(trail.map((t) => `${t.fromState}>${t.toState}`)).toEqual([
      "awaiting_voucher>awaiting_contribution",
      "awaiting_contribution>intake",
      "intake>plan",
      "plan>implementation",
      "implementation>review",
      "review>completed",
    ]);
    expect(await transition(id, "cancel", asAdmin(), "te laat")).toEqual({ ok: false, error: "notAllowed" });
  });

  it("refuses the wrong actor, an illegal step, a missing reason, and stays unchanged", async () => {
    const id = await engagementWith();
    expect(await transition(id, "confirm_voucher", asRetailer())).toEqual({ ok: false, error: "forbidden" });
    expect(await transition(id, "start_plan", asProvider())).toEqual({ ok: false, error: "notAllowed" });
    expect(await transition(id, "cancel", asRetailer())).toEqual({ ok: false, error: "reasonRequired" });
    expect(await transition(id, "dispute", asRetailer(), "ruzie")).toEqual({ ok: false, error: "notAllowed" });
    expect(await transition(id, "confirm_voucher", { userId: stranger.id, role: "retailer" })).toEqual({ ok: false, error: "notFound" });
    expect((await db.select().from(engagements).where(eq(engagements.id, id)))[0].state).toBe("awaiting_voucher");
  });

  it("goes into dispute and back where it was, or is cancelled by the admin", async () => {
    const id = await engagementWith();
    await transition(id, "confirm_voucher", asAdmin());
    await transition(id, "confirm_contribution", asAdmin());
    await transition(id, "start_plan", asProvider());
    expect(await transition(id, "dispute", asProvider(), "De klant antwoordt niet.")).toMatchObject({ ok: true, to: "disputed" });
    expect(await transition(id, "resume", asRetailer())).toEqual({ ok: false, error: "forbidden" });
    expect(await transition(id, "resume", asAdmin())).toMatchObject({ ok: true, to: "plan" });
    await transition(id, "dispute", asRetailer(), "Niets geleverd.");
    expect(await transition(id, "cancel", asAdmin(), "Na bemiddeling stopgezet.")).toMatchObject({ ok: true, to: "cancelled" });
  });

  it("is a 404 for anyone but its two parties and the programme office; only parties write messages", async () => {
    const id = await engagementWith();
    expect(await getEngagementForViewer(id, { id: stranger.id, role: "retailer" })).toBeNull();
    expect(await getEngagementForViewer(id, { id: bidders[3].id, role: "provider" })).toBeNull();
    expect((await getEngagementForViewer(id, { id: admin.id, role: "admin" }))?.role).toBe("admin");
    expect(await postMessage({ id: retailer.id, role: "retailer" }, id, "Wanneer komt u langs?")).toEqual({ ok: true });
    expect(await postMessage({ id: admin.id, role: "admin" }, id, "Hallo")).toEqual({ ok: false, error: "forbidden" });
    expect(await postMessage({ id: stranger.id, role: "retailer" }, id, "Hallo")).toEqual({ ok: false, error: "notFound" });
    const view = await getEngagementForViewer(id, { id: bidders[0].id, role: "provider" });
    expect(view?.messages.map((m) => m.body)).toEqual(["Wanneer komt u langs?"]);
  });
});

describe("the dashboards", () => {
  it("show the retailer their running requests and engagements with the next step, and the provider their assignments, proposals and engagements", async () => {
    const requestId = await newOpenRequest();
    const [invited] = await db.select({ providerId: invitations.providerId }).from(invitations).where(eq(invitations.helpRequestId, requestId));
    const bidder = bidders.find((b) => b.providerId === invited.providerId)!;
    expect((await submitBid(bidder.id, requestId, bid())).ok).toBe(true);

    const retailerPage = await respond(() => retailerHome.loader(args(getRequest("/ondernemer", { cookie: retailer.cookie }))));
    const retailerData = await retailerPage.json();
    expect(retailerData.requests).toContainEqual(expect.objectContaining({ id: requestId, status: "open" }));
    expect(retailerData.hasRequests).toBe(true);

    const providerPage = await respond(() => providerHome.loader(args(getRequest("/aanbieder", { cookie: bidder.cookie }))));
    const providerData = await providerPage.json();
    expect(providerData.bids).toContainEqual(expect.objectContaining({ id: requestId, title: "Een webshop voor de winkel" }));
    expect(providerData.opportunities.count).toBeGreaterThanOrEqual(0);

    // Accepted, the request leaves the running list and the engagement shows with what is next.
    const [theBid] = await db.select().from(bids).where(eq(bids.helpRequestId, requestId));
    expect((await acceptBid(retailer.id, requestId, theBid.id)).ok).toBe(true);
    const after = await (await respond(() => retailerHome.loader(args(getRequest("/ondernemer", { cookie: retailer.cookie }))))).json();
    expect(after.requests.map((r: { id: string }) => r.id)).not.toContain(requestId);
    expect(after.engagements[0]).toMatchObject({ title: "Een webshop voor de winkel", state: expect.stringMatching(/^awaiting_/) });
    const forBidder = await (await respond(() => providerHome.loader(args(getRequest("/aanbieder", { cookie: bidder.cookie }))))).json();
    expect(forBidder.engagements.map((e: { title: string }) => e.title)).toContain("Een webshop voor de winkel");
    expect(forBidder.bids.map((b: { id: string }) => b.id)).not.toContain(requestId);
  });
});

describe("asking a provider for a proposal from their page", () => {
  it("offers a signed-in retailer the button, and invites that provider besides the best fits when the request is published", async () => {
    // A provider far from the business, for other services: the ranking alone would not invite them.
    const chosen = await approvedProvider(admin.id, { baseNisCode: "38025", radiusKm: "5", services: ["cybersecurity_basics"] });
    const [{ slug }] = await db.select({ slug: providers.slug }).from(providers).where(eq(providers.id, chosen.providerId));
    const asRetailer = await (await respond(() => providerPage.loader(args(getRequest(`/aanbieders/${slug}`, { cookie: retailer.cookie }), { slug })))).json();
    expect(asRetailer.askFor).toContainEqual({ id: business.id, name: expect.any(String) });
    expect(asRetailer.visitor).toBe(false);
    const asVisitor = await (await respond(() => providerPage.loader(args(getRequest(`/aanbieders/${slug}`), { slug })))).json();
    expect(asVisitor.askFor).toEqual([]);
    // A visitor is offered the way in, not a dead end (issue 22, item 9).
    expect(asVisitor.visitor).toBe(true);

    const form = await (await respond(() => newRequestPage.loader(args(getRequest(`/ondernemer/hulpvragen/nieuw?zaak=${business.id}&aanbieder=${chosen.providerId}`, { cookie: retailer.cookie }))))).json();
    expect(form.defaultValue.requestedProviderId).toBe(chosen.providerId);

    const id = await createHelpRequest(retailer.id, { businessId: business.id, title: "Een webshop", description: "Online verkopen.", services: ["webshop"], budgetBand: "1000_2500", languages: ["nl"], requestedProviderId: chosen.providerId });
    expect((await publishHelpRequest(retailer.id, id!)).ok).toBe(true);
    const invited = await db.select({ providerId: invitations.providerId }).from(invitations).where(eq(invitations.helpRequestId, id!));
    expect(invited.map((i) => i.providerId)).toContain(chosen.providerId);
    expect(invited.length).toBeGreaterThan(1);

    // A provider that is not approved cannot be asked for.
    const pending = await account("provider");
    const draft = await createHelpRequest(retailer.id, { businessId: business.id, title: "Nog een vraag", description: "Iets anders.", services: ["webshop"], budgetBand: "1000_2500", languages: ["nl"], requestedProviderId: pending.id });
    const [row] = await db.select({ requested: helpRequests.requestedProviderId }).from(helpRequests).where(eq(helpRequests.id, draft!));
    expect(row.requested).toBeNull();
  });
});

/*
 * Talking before hiring (issue 22, item 10): "no way to ask a bidder a question before accepting",
 * and the invited list did not show who answered. Through the pages' own actions, as the browser
 * posts them.
 */
describe("a question to a bidder before accepting", () => {
  it("reaches that bidder alone, is answered on the request's page, and ends when the request is awarded", async () => {
    const id = await newOpenRequest();
    const asked = await submitBid(bidders[0].id, id, bid());
    const other = await submitBid(bidders[1].id, id, bid());
    if (!asked.ok || !other.ok) throw new Error("setup");
    const here = `/ondernemer/hulpvragen/${id}`;

    const question = "Kan de webshop ook afhalen in de winkel aan?";
    const sent = await respond(() => requestPage.action(args(formRequest(here, { intent: "ask", bidId: asked.bidId, body: question }, { cookie: retailer.cookie }), { id })));
    expect(sent.status).toBe(302);
    // The bidder is told, by mail in words, with the question itself; the other bidder is not.
    const mails = await db.select({ to: sql<string>`${outbox.payload}->>'to'`, subject: sql<string>`${outbox.payload}->>'subject'`, text: sql<string>`${outbox.payload}->>'text'` }).from(outbox).where(sql`${outbox.topic} = 'mail.send' and ${outbox.payload}->>'subject' like '%vraag over je voorstel%'`);
    const [bidder] = await db.select({ email: users.email }).from(users).where(eq(users.id, bidders[0].id));
    expect(mails.map((m) => m.to)).toEqual([bidder.email]);
    expect(mails[0].text).toContain(question);
    expect((await db.select().from(notices).where(eq(notices.userId, bidders[1].id))).map((n) => n.messageKey)).not.toContain("marketplace.notice.question");

    // An empty question is refused next to the bid's own form, nothing stored.
    const empty = await respond(() => requestPage.action(args(formRequest(here, { intent: "ask", bidId: asked.bidId, body: " " }, { cookie: retailer.cookie }), { id })));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ form: "ask", bidId: asked.bidId, errors: ["errors.required"] });

    // The bidder reads it on the assignment's page and answers; the other bidder sees no thread.
    const page = `/opdrachten/${id}`;
    const bidderView = await (await respond(() => opportunityPage.loader(args(getRequest(page, { cookie: bidders[0].cookie }), { id })))).json();
    expect(bidderView.thread.map((m: { body: string }) => m.body)).toEqual([question]);
    const otherView = await (await respond(() => opportunityPage.loader(args(getRequest(page, { cookie: bidders[1].cookie }), { id })))).json();
    expect(otherView.thread).toEqual([]);
    const answer = "Ja, met een keuze voor afhalen bij het afrekenen.";
    expect((await respond(() => opportunityPage.action(args(formRequest(page, { intent: "answer", body: answer }, { cookie: bidders[0].cookie }), { id })))).status).toBe(302);
    expect((await db.select().from(notices).where(eq(notices.userId, retailer.id))).map((n) => n.messageKey)).toContain("marketplace.notice.answer");

    // The comparison shows the thread on its bid, who answered the invitation, and the review count.
    const view = await (await respond(() => requestPage.loader(args(getRequest(here, { cookie: retailer.cookie }), { id })))).json();
    const card = view.bids.find((b: { bid: { id: string } }) => b.bid.id === asked.bidId);
    expect(card.thread.map((m: { body: string }) => m.body)).toEqual([question, answer]);
    expect(card.reviewCount).toBe(0);
    const invitedBidders = view.invitations.filter((i: { answered: boolean }) => i.answered).map((i: { providerId: string }) => i.providerId);
    expect(invitedBidders.sort()).toEqual(view.invitations.filter((i: { providerId: string }) => [bidders[0].providerId, bidders[1].providerId].includes(i.providerId)).map((i: { providerId: string }) => i.providerId).sort());
    expect(view.invitations.some((i: { answered: boolean }) => !i.answered)).toBe(true);

    // A stranger cannot ask; once the request is awarded, no one asks or answers any more.
    expect((await respond(() => requestPage.action(args(formRequest(here, { intent: "ask", bidId: asked.bidId, body: "Hallo?" }, { cookie: stranger.cookie }), { id })))).status).toBe(404);
    expect((await acceptBid(retailer.id, id, other.bidId)).ok).toBe(true);
    expect((await respond(() => requestPage.action(args(formRequest(here, { intent: "ask", bidId: asked.bidId, body: "Nog iets?" }, { cookie: retailer.cookie }), { id })))).status).toBe(409);
    expect((await respond(() => opportunityPage.action(args(formRequest(page, { intent: "answer", body: "Nog dit." }, { cookie: bidders[0].cookie }), { id })))).status).toBe(409);
    expect((await db.select({ n: count() }).from(bidMessages).where(eq(bidMessages.bidId, asked.bidId)))[0].n).toBe(2);
  });
});

/*
 * A draft can be edited (issue 22, item 8): "a typo means cancelling, and the cancelled request stays
 * in the list". Through the edit page's own loader and action.
 */
describe("a draft help request", () => {
  it("is the owner's to change until it is published, refusing bad input without writing", async () => {
    const id = (await createHelpRequest(retailer.id, { businessId: business.id, title: "Een webshpo", description: "Online verkopen.", services: ["webshop"], budgetBand: "1000_2500", languages: ["nl"] }))!;
    const path = `/ondernemer/hulpvragen/${id}/bewerken`;
    const form = await (await respond(() => editPage.loader(args(getRequest(path, { cookie: retailer.cookie }), { id })))).json();
    expect(form.defaultValue).toMatchObject({ businessId: business.id, title: "Een webshpo", services: ["webshop"], budgetBand: "1000_2500", languages: ["nl"] });
    const changes = { businessId: business.id, title: "Een webshop", description: "Online verkopen en afhalen.", services: ["webshop", "social_media"], budgetBand: "2500_5000", languages: ["nl", "fr"] };
    const post = (fields: Record<string, string | string[]>, cookie = retailer.cookie) => respond(() => editPage.action(args(formRequest(path, fields, { cookie }), { id })));

    const bad = await post({ ...changes, title: "" });
    expect(bad.status).toBe(400);
    expect((await db.select({ title: helpRequests.title }).from(helpRequests).where(eq(helpRequests.id, id)))[0].title).toBe("Een webshpo");
    expect((await post(changes, stranger.cookie)).status).toBe(404);

    expect((await post(changes)).status).toBe(302);
    const [saved] = await db.select().from(helpRequests).where(eq(helpRequests.id, id));
    expect(saved).toMatchObject({ status: "draft", title: "Een webshop", description: "Online verkopen en afhalen.", services: ["webshop", "social_media"], budgetBand: "2500_5000", languages: ["nl", "fr"] });

    // Published, providers have read it: the edit page sends the retailer back, a late post is refused.
    expect((await publishHelpRequest(retailer.id, id)).ok).toBe(true);
    const late = await respond(() => editPage.loader(args(getRequest(path, { cookie: retailer.cookie }), { id })));
    expect([late.status, late.headers.get("Location")]).toEqual([302, `/ondernemer/hulpvragen/${id}`]);
    expect((await post({ ...changes, title: "Toch iets anders" })).status).toBe(409);
    expect((await db.select({ title: helpRequests.title }).from(helpRequests).where(eq(helpRequests.id, id)))[0].title).toBe("Een webshop");
  });
});
