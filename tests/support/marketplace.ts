import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { providers, users } from "~db/schema";
import { registerUser } from "~/modules/auth/index.server";
import { decideProvider, saveBusiness, saveProviderProfile } from "~/modules/profiles/index.server";
import { BusinessSchema, ProviderSchema } from "~/modules/profiles/schemas";
import { newAccount, newEnterpriseNumber } from "./factories";

/** Accounts with a session cookie, for route tests. */
export async function account(role: "retailer" | "provider" | "admin" = "retailer") {
  const result = await registerUser({ ...newAccount({ role: role === "admin" ? "retailer" : role }), locale: "nl" });
  if (!result.ok) throw new Error("setup");
  if (role === "admin") await db.update(users).set({ role: "admin" }).where(eq(users.id, result.user.id));
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

/** An approved provider serving Brugge, with a session. */
export async function approvedProvider(adminId: string, overrides: Record<string, unknown> = {}) {
  const user = await account("provider");
  const saved = await saveProviderProfile(
    user.id,
    ProviderSchema.parse({
      companyName: `Aanbieder ${user.id.slice(0, 6)}`,
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
      ...overrides,
    }),
  );
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
  startDate: "2027-01-15",
  ...overrides,
});
