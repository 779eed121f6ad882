import { asc, count, eq } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, municipalities, providers } from "~db/schema";

/** Public figures for the home page. */
export async function getPlatformFigures() {
  const [[b], [p], [m]] = await Promise.all([
    db.select({ n: count() }).from(businesses),
    db.select({ n: count() }).from(providers).where(eq(providers.status, "approved")),
    db.select({ n: count() }).from(municipalities),
  ]);
  return { businesses: b.n, providers: p.n, municipalities: m.n };
}

export async function listBusinessesOfOwner(ownerId: string) {
  return db
    .select({ id: businesses.id, name: businesses.name, sector: businesses.sector, municipality: municipalities.nameNl })
    .from(businesses)
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(eq(businesses.ownerId, ownerId))
    .orderBy(asc(businesses.name));
}

export async function getProviderOfUser(userId: string) {
  const [row] = await db
    .select({ id: providers.id, companyName: providers.companyName, status: providers.status, kind: providers.kind })
    .from(providers)
    .where(eq(providers.userId, userId));
  return row ?? null;
}
