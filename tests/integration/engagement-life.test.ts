import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { engagements, helpRequests, milestones, notices, providerSearch, reviews } from "~db/schema";
import { addProgressLog, replyToReview, runTimers, submitMilestone, submitReview, transition } from "~/modules/engagements/index.server";
import { createHelpRequest, publishHelpRequest } from "~/modules/marketplace/index.server";
import { drainOutbox } from "~/modules/notifications/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import * as publicProvider from "~/routes/aanbieders.$slug";
import * as workspace from "~/routes/trajecten.$id/route";
import { args, formRequest, getRequest, respond } from "../support/http";
import { account, approvedProvider, businessFor, engagementFor } from "../support/marketplace";

let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let stranger: Awaited<ReturnType<typeof account>>;
let provider: Awaited<ReturnType<typeof approvedProvider>>;
let businessId = "";

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  stranger = await account("provider");
  businessId = (await businessFor(retailer.id)).id;
  provider = await approvedProvider(admin.id);
  await drainOutbox(allOutboxHandlers);
});

const engagementIn = (state: "intake" | "plan" | "completed") => engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, state);

describe("reviews", () => {
  it("are refused before completion", async () => {
    const id = await engagementIn("plan");
    expect(await submitReview({ id: retailer.id, role: "retailer" }, id, { rating: 5, body: "Top" })).toEqual({ ok: false, error: "notAllowed" });
  });

  it("come once from the retailer, get one reply, and show on the provider's page and in search", async () => {
    const id = await engagementIn("completed");
    const redo = await db.select().from(notices).where(eq(notices.messageKey, "engagements.notice.redoQuickscan"));
    expect(redo.map((n) => n.userId)).toContain(retailer.id);
    expect(await submitReview({ id: provider.id, role: "provider" }, id, { rating: 5, body: "Ikzelf" })).toEqual({ ok: false, error: "forbidden" });
    expect(await submitReview({ id: retailer.id, role: "retailer" }, id, { rating: 4, body: "Vlot en duidelijk." })).toEqual({ ok: true });
    expect(await submitReview({ id: retailer.id, role: "retailer" }, id, { rating: 1, body: "Toch niet" })).toEqual({ ok: false, error: "notAllowed" });
    expect(await replyToReview({ id: provider.id, role: "provider" }, id, "Dank u!")).toEqual({ ok: true });
    expect(await replyToReview({ id: provider.id, role: "provider" }, id, "Nog eens")).toEqual({ ok: false, error: "notAllowed" });
    const [row] = await db.select().from(reviews).where(eq(reviews.engagementId, id));
    expect(row).toMatchObject({ rating: 4, reply: "Dank u!" });

    await drainOutbox(allOutboxHandlers);
    const [doc] = await db.select().from(providerSearch).where(eq(providerSearch.providerId, provider.providerId));
    expect(doc).toMatchObject({ ratingAverage: 4, ratingCount: 1, completedCount: 1 });

    const slug = doc.slug;
    const page = await respond(() => publicProvider.loader(args(getRequest(`/aanbieders/${slug}`), { slug })));
    expect((await page.json()).reviews).toEqual([expect.objectContaining({ rating: 4, body: "Vlot en duidelijk.", reply: "Dank u!" })]);
  });
});

describe("the workspace route", () => {
  it("is a 404 for a stranger, to read or to write", async () => {
    const id = await engagementIn("intake");
    expect((await respond(() => workspace.loader(args(getRequest(`/trajecten/${id}`, { cookie: stranger.cookie }), { id })))).status).toBe(404);
    const write = await respond(() => workspace.action(args(formRequest(`/trajecten/${id}`, { intent: "message", body: "hallo" }, { cookie: stranger.cookie }), { id })));
    expect(write.status).toBe(404);
  });

  it("refuses junk in Dutch and a wrong actor with 403", async () => {
    const id = await engagementIn("intake");
    const junk = await respond(() => workspace.action(args(formRequest(`/trajecten/${id}`, { intent: "transition", action: "teleport" }, { cookie: retailer.cookie }), { id })));
    expect(junk.status).toBe(400);
    const wrong = await respond(() => workspace.action(args(formRequest(`/trajecten/${id}`, { intent: "transition", action: "start_plan" }, { cookie: retailer.cookie }), { id })));
    expect(wrong.status).toBe(403);
    // The refusal names the form it belongs to, so the page shows it there.
    expect(await wrong.json()).toEqual({ errors: ["workspace.errors.forbidden"], form: "transition:go" });
    const ok = await respond(() => workspace.action(args(formRequest(`/trajecten/${id}`, { intent: "transition", action: "start_plan" }, { cookie: provider.cookie }), { id })));
    expect(ok.status).toBe(302);
  });

  it("lets the provider keep a work log", async () => {
    const id = await engagementIn("plan");
    expect(await addProgressLog({ id: provider.id, role: "provider" }, id, { workedOn: "2026-11-20", hours: 2.5, note: "Intakegesprek" })).toEqual({ ok: true });
    expect(await addProgressLog({ id: retailer.id, role: "retailer" }, id, { workedOn: "2026-11-20", hours: 1, note: "x" })).toEqual({ ok: false, error: "forbidden" });
  });
});

describe("timers", () => {
  it("expire requests past their deadline, approve milestones left unanswered for 14 days, and remind quiet engagements once", async () => {
    const requestId = (await createHelpRequest(retailer.id, { businessId, title: "Te laat", description: "x", services: ["website"], budgetBand: "up_to_1000", languages: ["nl"] }))!;
    await publishHelpRequest(retailer.id, requestId);
    const id = await engagementIn("plan");
    const [advice] = await db.select().from(milestones).where(eq(milestones.engagementId, id)).orderBy(milestones.position);
    await submitMilestone({ id: provider.id, role: "provider" }, advice.id, { text: "plan", links: [] });

    const later = new Date(Date.now() + 15 * 86_400_000);
    const result = await runTimers(later);
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect((await db.select().from(helpRequests).where(eq(helpRequests.id, requestId)))[0].status).toBe("expired");
    expect((await db.select().from(milestones).where(eq(milestones.id, advice.id)))[0].status).toBe("approved");
    const autoNotices = await db.select().from(notices).where(eq(notices.messageKey, "engagements.notice.milestoneAutoApproved"));
    expect(new Set(autoNotices.map((n) => n.userId))).toEqual(new Set([retailer.id, provider.id]));

    // While it stays quiet, a reminder at most every 14 days: one now, none a minute later.
    const quietLater = new Date(later.getTime() + 15 * 86_400_000);
    expect((await runTimers(quietLater)).reminded).toBeGreaterThanOrEqual(1);
    const [engagement] = await db.select().from(engagements).where(eq(engagements.id, id));
    expect(engagement.remindedAt?.getTime()).toBe(quietLater.getTime());
    const second = await runTimers(new Date(quietLater.getTime() + 60_000));
    expect(second.reminded).toBe(0);
  });
});

describe("every illegal transition", () => {
  it("is refused from every state, by anyone, and changes nothing", async () => {
    const { engagementStates } = await import("~db/schema");
    const { engagementTransitions } = await import("~/modules/engagements/transitions");
    const allActions = [...new Set(engagementTransitions.map((t) => t.action))];
    const id = await engagementIn("intake");
    for (const state of engagementStates) {
      await db.update(engagements).set({ state, resumeState: null }).where(eq(engagements.id, id));
      const allowed = new Set(engagementTransitions.filter((t) => t.from === state).map((t) => t.action));
      for (const action of allActions.filter((a) => !allowed.has(a))) {
        for (const actor of [{ userId: admin.id, role: "admin" }, { userId: retailer.id, role: "retailer" }, { userId: provider.id, role: "provider" }]) {
          expect(await transition(id, action, actor, "een reden"), `${state} ${action} by ${actor.role}`).toEqual({ ok: false, error: "notAllowed" });
        }
      }
      expect((await db.select().from(engagements).where(eq(engagements.id, id)))[0].state).toBe(state);
    }
  });
});
