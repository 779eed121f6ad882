import { asc, desc, eq } from "drizzle-orm";
import { db } from "~db/client";
import { municipalities, userMunicipalities, users } from "~db/schema";

/** The admin's user list, newest first. */
export async function listUsers() {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      hasPassword: users.passwordHash,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .orderBy(desc(users.createdAt))
    .limit(500)
    .then((rows) => rows.map(({ hasPassword, ...row }) => ({ ...row, hasPassword: hasPassword !== null })));
}

/** The municipalities a municipality-staff account acts for. */
export async function getStaffMunicipalities(userId: string) {
  return db
    .select({ nisCode: municipalities.nisCode, name: municipalities.nameNl, slug: municipalities.slug })
    .from(userMunicipalities)
    .innerJoin(municipalities, eq(municipalities.nisCode, userMunicipalities.nisCode))
    .where(eq(userMunicipalities.userId, userId))
    .orderBy(asc(municipalities.nameNl));
}
