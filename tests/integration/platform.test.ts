import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database, db, queryRows } from "~db/client";
import { migrate } from "~db/migrate";
import { bids, businesses, refunds, engagements, helpRequests, municipalities, payoutBatches, postalCodes, providers, reviews, userMunicipalities, users, vouchers } from "~db/schema";
import { seedIfEmpty } from "~/modules/platform/index.server";
import * as healthz from "~/routes/healthz";
import { respond } from "../support/http";

describe("migrations and reference data", () => {
  it("loads the 62 municipalities of 2025 with their postal codes", async () => {
    const rows = await db.select().from(municipalities);
    expect(rows).toHaveLength(62);
    expect(new Set(rows.map((r) => r.arrondissement)).size).toBe(8);
    const tielt = rows.find((r) => r.nisCode === "37022");
    expect(tielt).toMatchObject({ nameNl: "Tielt", slug: "tielt", arrondissement: "Tielt" });
    const [postal] = await db.select({ n: count() }).from(postalCodes);
    expect(postal.n).toBe(253);
    const withoutPostal = await queryRows<{ nis_code: string }>(
      db,
      sql`select m.nis_code from municipalities m where not exists (select 1 from postal_codes p where p.nis_code = m.nis_code)`,
    );
    expect(withoutPostal).toEqual([]);
    const brugge = await db.select({ code: postalCodes.postalCode }).from(postalCodes).where(eq(postalCodes.nisCode, "31005"));
    expect(new Set(brugge.map((r) => r.code))).toEqual(new Set(["8000", "8200", "8310", "8380"]));
  });

  it("can run again without changing anything", async () => {
    await migrate(database);
    const [m] = await db.select({ n: count() }).from(municipalities);
    const [p] = await db.select({ n: count() }).from(postalCodes);
    expect([m.n, p.n]).toEqual([62, 253]);
  });

  it("has pg_trgm and unaccent, which search relies on", async () => {
    const [row] = await queryRows<{ plain: string; similar: number }>(
      db,
      sql`select unaccent('Zoë Café') as plain, similarity('webshop', 'webshp') as similar`,
    );
    expect(row.plain).toBe("Zoe Cafe");
    expect(row.similar).toBeGreaterThan(0.3);
  });
});

describe("demo data", () => {
  it("creates the README's accounts once, all fictional and all consistent", async () => {
    expect(await seedIfEmpty()).toBe(true);
    expect(await seedIfEmpty()).toBe(false);

    const staff = await db.select({ email: users.email, role: users.role }).from(users).where(sql`${users.role} in ('admin', 'municipality')`);
    expect(staff.map((s) => s.email).sort()).toEqual(["admin@demo.koppel.test", "brugge@demo.koppel.test", "kortrijk@demo.koppel.test"]);
    const scopes = await db
      .select({ email: users.email, nis: userMunicipalities.nisCode })
      .from(userMunicipalities)
      .innerJoin(users, eq(users.id, userMunicipalities.userId));
    expect(scopes).toEqual(
      expect.arrayContaining([
        { email: "brugge@demo.koppel.test", nis: "31005" },
        { email: "kortrijk@demo.koppel.test", nis: "34022" },
      ]),
    );

    const businessRows = await db.select().from(businesses);
    expect(businessRows).toHaveLength(30);
    expect(new Set(businessRows.map((b) => b.sector))).toEqual(new Set(["retail", "tourism", "hospitality"]));
    expect(new Set(businessRows.map((b) => b.nisCode)).size).toBeGreaterThanOrEqual(15);
    // Every business's postal code belongs to its municipality.
    const mismatched = await queryRows(
      db,
      sql`select b.name from businesses b where not exists (select 1 from postal_codes p where p.postal_code = b.postal_code and p.nis_code = b.nis_code)`,
    );
    expect(mismatched).toEqual([]);

    const [providerCount] = await db.select({ n: count() }).from(providers);
    expect(providerCount.n).toBe(20);
    // The README's demo logins exist with the roles it gives them.
    const readme = ["boekhandel.de.zandloper", "fietsen.vandenbroucke", "pixelpier", "lokaal.zichtbaar"].map((n) => `${n}@demo.koppel.test`);
    const listed = await db.select({ email: users.email, role: users.role }).from(users).where(sql`${users.email} in ${readme}`);
    expect(Object.fromEntries(listed.map((u) => [u.email, u.role]))).toEqual({
      "boekhandel.de.zandloper@demo.koppel.test": "retailer",
      "fietsen.vandenbroucke@demo.koppel.test": "retailer",
      "pixelpier@demo.koppel.test": "provider",
      "lokaal.zichtbaar@demo.koppel.test": "provider",
    });
    expect(new Set(businessRows.map((b) => b.nisCode)).size).toBe(16);

    // Marketplace activity, so each role's dashboard and the office's charts show something.
    const requestStates = await db.select({ status: helpRequests.status, n: count() }).from(helpRequests).groupBy(helpRequests.status);
    expect(Object.fromEntries(requestStates.map((r) => [r.status, r.n]))).toEqual({ draft: 1, open: 1, awarded: 4 });
    const [{ n: openBids }] = await db.select({ n: count() }).from(bids).where(eq(bids.status, "submitted"));
    expect(openBids).toBe(2);
    const engagementStates = await db.select({ state: engagements.state }).from(engagements);
    expect(engagementStates.map((e) => e.state).sort()).toEqual(["awaiting_contribution", "cancelled", "completed", "plan"]);
    // The one stopped after its advice: the rest of its own share waits on the refund list.
    expect(await db.select({ reason: refunds.reason, method: refunds.method, status: refunds.status }).from(refunds)).toEqual([{ reason: "settlement", method: "transfer", status: "due" }]);
    expect(await db.select({ rating: reviews.rating }).from(reviews)).toEqual([{ rating: 5 }]);
    const [batch] = await db.select().from(payoutBatches);
    expect(batch.totalCents).toBeGreaterThan(0);
    const approvedVouchers = await db.select().from(vouchers).where(eq(vouchers.status, "approved"));
    expect(approvedVouchers).toHaveLength(2);

    // Their paperwork (issue 23): an invoice for every engagement whose own share came in, a credit
    // note for the one stopped early, in both VAT cases, each passing the three Peppol layers.
    const { invoices } = await import("~db/schema");
    const { peppolFatal } = await import("../support/peppol");
    const documents = await db.select({ kind: invoices.kind, state: engagements.state, xml: invoices.xml }).from(invoices).innerJoin(engagements, eq(engagements.id, invoices.engagementId));
    expect(documents.map((d) => `${d.state} ${d.kind}`).sort()).toEqual(["cancelled credit_note", "cancelled invoice", "completed invoice", "plan invoice"]);
    expect(documents.filter((d) => d.xml.includes("<cbc:ID>E</cbc:ID>")).map((d) => `${d.state} ${d.kind}`).sort()).toEqual(["cancelled credit_note", "cancelled invoice"]);
    for (const d of documents) expect(await peppolFatal(d.xml), `${d.state} ${d.kind}`).toEqual([]);
  });
});

describe("/healthz", () => {
  it("says which real parts are in use", async () => {
    const response = await respond(() => healthz.loader());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: process.env.KOPPEL_TEST_DATABASE,
      search: "builtin",
      payments: "bank_transfer",
      mail: "file",
      settings: expect.stringMatching(/^(defaults|\d{4}-\d\d-\d\dT[\d:.]+Z)$/),
    });
  });
});
