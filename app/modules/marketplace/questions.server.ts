import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { bidMessages, bids, businesses, helpRequests, providers, users } from "~db/schema";
import { notifyUser } from "~/modules/notifications/index.server";

/*
 * Talking before hiring: on the bid comparison the retailer asks a bidder a question, and the bidder
 * answers on the request's page. Only while the request is open and the bid stands, and only those
 * two read the thread. Each message tells the other side (mail and notice, in their language) in
 * the transaction that stores it.
 */

export type QuestionResult = { ok: true } | { ok: false; error: "notFound" | "closed" };

/** The bid with its request, business and provider, whoever asks; null when there is none. */
async function bidOnRequest(requestId: string, where: ReturnType<typeof and>) {
  const [row] = await db
    .select({
      bidId: bids.id,
      bidStatus: bids.status,
      requestStatus: helpRequests.status,
      title: helpRequests.title,
      ownerId: businesses.ownerId,
      business: businesses.name,
      providerUserId: providers.userId,
      provider: providers.companyName,
    })
    .from(bids)
    .innerJoin(helpRequests, eq(helpRequests.id, bids.helpRequestId))
    .innerJoin(businesses, eq(businesses.id, helpRequests.businessId))
    .innerJoin(providers, eq(providers.id, bids.providerId))
    .where(and(eq(bids.helpRequestId, requestId), where));
  return row ?? null;
}

type Found = NonNullable<Awaited<ReturnType<typeof bidOnRequest>>>;

/** Stores the message and tells `to`, once the request is still open and the bid still stands. */
async function post(found: Found | null, authorId: string, body: string, to: { userId: string; key: string; link: string }): Promise<QuestionResult> {
  if (!found) return { ok: false, error: "notFound" };
  if (found.requestStatus !== "open" || found.bidStatus !== "submitted") return { ok: false, error: "closed" };
  await db.transaction(async (tx) => {
    await tx.insert(bidMessages).values({ bidId: found.bidId, authorId, body });
    await notifyUser(tx, {
      userId: to.userId,
      messageKey: to.key,
      subjectKey: `${to.key}Subject`,
      params: { business: found.business, provider: found.provider, title: found.title, body },
      link: to.link,
    });
  });
  return { ok: true };
}

/** The retailer asks one bidder a question about their proposal. */
export async function askBidder(ownerId: string, requestId: string, bidId: string, body: string) {
  const found = await bidOnRequest(requestId, and(eq(bids.id, bidId), eq(businesses.ownerId, ownerId)));
  return post(found, ownerId, body, { userId: found?.providerUserId ?? "", key: "marketplace.notice.question", link: `/opdrachten/${requestId}` });
}

/** The bidder answers the retailer, on their own bid. */
export async function answerRetailer(providerUserId: string, requestId: string, body: string) {
  const found = await bidOnRequest(requestId, eq(providers.userId, providerUserId));
  return post(found, providerUserId, body, { userId: found?.ownerId ?? "", key: "marketplace.notice.answer", link: `/ondernemer/hulpvragen/${requestId}#bid-${found?.bidId}` });
}

/** The threads of these bids, oldest message first, keyed by bid. */
export async function bidThreads(bidIds: string[]) {
  const threads = new Map<string, { id: number; body: string; createdAt: Date; author: string; authorId: string }[]>(bidIds.map((id) => [id, []]));
  if (bidIds.length === 0) return threads;
  const rows = await db
    .select({ bidId: bidMessages.bidId, id: bidMessages.id, body: bidMessages.body, createdAt: bidMessages.createdAt, author: users.name, authorId: bidMessages.authorId })
    .from(bidMessages)
    .innerJoin(users, eq(users.id, bidMessages.authorId))
    .where(inArray(bidMessages.bidId, bidIds))
    .orderBy(asc(bidMessages.id));
  for (const { bidId, ...message } of rows) threads.get(bidId)!.push(message);
  return threads;
}
