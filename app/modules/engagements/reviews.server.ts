import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, engagements, reviews } from "~db/schema";
import { isUniqueViolation } from "~/lib/pg-errors";
import { queueProviderIndexing } from "~/modules/matching/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { notifyParties, roleInEngagement } from "./engagements.server";

export type ReviewResult = { ok: true } | { ok: false; error: "notFound" | "forbidden" | "notAllowed" };

/** The retailer rates a completed engagement, once; the provider's rating in search follows. */
export async function submitReview(user: { id: string; role: string }, engagementId: string, review: { rating: number; body: string }): Promise<ReviewResult> {
  try {
    return await db.transaction(async (tx) => {
      const role = await roleInEngagement(tx, engagementId, user);
      if (!role) return { ok: false, error: "notFound" };
      if (role !== "retailer") return { ok: false, error: "forbidden" };
      const [engagement] = await tx.select().from(engagements).where(eq(engagements.id, engagementId));
      if (engagement.state !== "completed") return { ok: false, error: "notAllowed" };
      await tx.insert(reviews).values({ engagementId, providerId: engagement.providerId, rating: review.rating, body: review.body });
      await recordAudit(tx, { actorId: user.id, action: "review.submit", entityType: "engagement", entityId: engagementId, data: { rating: review.rating } });
      await notifyParties(tx, engagementId, "retailer", { key: "engagements.notice.reviewed", params: {} });
      await queueProviderIndexing(tx, [engagement.providerId]);
      return { ok: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "notAllowed" };
    throw error;
  }
}

/** The provider answers a review once. */
export async function replyToReview(user: { id: string; role: string }, engagementId: string, reply: string): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const role = await roleInEngagement(tx, engagementId, user);
    if (!role) return { ok: false, error: "notFound" };
    if (role !== "provider") return { ok: false, error: "forbidden" };
    const updated = await tx
      .update(reviews)
      .set({ reply, repliedAt: new Date() })
      .where(and(eq(reviews.engagementId, engagementId), isNull(reviews.reply)))
      .returning({ id: reviews.id });
    return updated.length ? { ok: true } : { ok: false, error: "notAllowed" };
  });
}

/** A provider's reviews for their public page: the business's name, never the person's. */
export async function listProviderReviews(providerId: string) {
  return db
    .select({ rating: reviews.rating, body: reviews.body, reply: reviews.reply, createdAt: reviews.createdAt, businessName: businesses.name })
    .from(reviews)
    .innerJoin(engagements, eq(engagements.id, reviews.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .where(eq(reviews.providerId, providerId))
    .orderBy(desc(reviews.createdAt))
    .limit(50);
}
