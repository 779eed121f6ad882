import { and, desc, eq } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, quickscans } from "~db/schema";
import { scoreQuickscan, type QuickscanAnswers } from "./quickscan";

/** Scores and keeps a quickscan of one of the owner's businesses; null when it is not theirs. */
export async function saveQuickscan(ownerId: string, businessId: string, answers: QuickscanAnswers) {
  const [business] = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(and(eq(businesses.id, businessId), eq(businesses.ownerId, ownerId)));
  if (!business) return null;
  const result = scoreQuickscan(answers);
  const [row] = await db
    .insert(quickscans)
    .values({ businessId, answers, ...result })
    .returning({ id: quickscans.id });
  return row.id;
}

/** A quickscan with its business, if the business is the owner's. */
export async function getOwnQuickscan(ownerId: string, quickscanId: string) {
  const [row] = await db
    .select({ quickscan: quickscans, businessName: businesses.name, businessId: businesses.id })
    .from(quickscans)
    .innerJoin(businesses, eq(businesses.id, quickscans.businessId))
    .where(and(eq(quickscans.id, quickscanId), eq(businesses.ownerId, ownerId)));
  if (!row) return null;
  const history = await db
    .select({ id: quickscans.id, overallScore: quickscans.overallScore, createdAt: quickscans.createdAt })
    .from(quickscans)
    .where(eq(quickscans.businessId, row.businessId))
    .orderBy(desc(quickscans.createdAt));
  return { ...row, history };
}
