import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, businesses, outbox, providers, users } from "~db/schema";
import { createApiToken } from "~/modules/auth/index.server";
import * as importApi from "~/routes/api.v1.import.$kind";
import { newAccount } from "../support/factories";
import { args, origin, respond } from "../support/http";
import { registerUser } from "../support/accounts";

let adminToken = "";
let retailerToken = "";

beforeAll(async () => {
  for (const role of ["admin", "retailer"] as const) {
    const result = await registerUser({ ...newAccount(), locale: "nl" });
    if (!result.ok) throw new Error("setup");
    await db.update(users).set({ role }).where(eq(users.id, result.user.id));
    const { token } = await createApiToken(result.user.id);
    if (role === "admin") adminToken = token;
    else retailerToken = token;
  }
});

const post = (kind: string, body: string, token = adminToken, type = "text/csv; charset=utf-8") =>
  respond(() =>
    importApi.action(
      args(new Request(`${origin}/api/v1/import/${kind}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": type }, body }), { kind }),
    ),
  );

const providerHeader = "enterprise_number,company_name,email,kind,services,sectors,base_nis_code,radius_km,municipalities,languages,hourly_rate_eur,capacity,founded_on,bio,status";
const providerCsv = (rate = "65") =>
  [
    providerHeader,
    `0700.000.104,Strandpixels,strandpixels@import.test,ict,website;webshop,retail;tourism,35013,25,31005;35002,nl;fr,${rate},3,2024-05-01,Websites voor de kust.,approved`,
    `0700.000.203,Polderpost,polderpost@import.test,marketing,social_media,hospitality,38025,40,,nl,55.5,2,2019-01-15,"Sociale media, nieuwsbrieven en foto's.",pending`,
    `0700.000.302,Belfort Bytes,belfort@import.test,both,digital_strategy;analytics,retail,31005,10,,nl;en,80,1,2023-09-30,,approved`,
  ].join("\n");

async function counts() {
  const [[p], [u], [o]] = await Promise.all([
    db.select({ n: count() }).from(providers),
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(outbox).where(eq(outbox.topic, "mail.send")),
  ]);
  return { providers: p.n, users: u.n, mails: o.n };
}

describe("POST /api/v1/import/providers", () => {
  it("imports a valid file, invites the new accounts and audits the statuses", async () => {
    const response = await post("providers", providerCsv());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ imported: 3, created: 3, updated: 0 });
    const [row] = await db.select().from(providers).where(eq(providers.enterpriseNumber, "0700000104"));
    expect(row).toMatchObject({
      companyName: "Strandpixels",
      status: "approved",
      services: ["website", "webshop"],
      serviceNisCodes: ["31005", "35002"],
      hourlyRateCents: 6500,
      slug: "strandpixels",
    });
    const [account] = await db.select().from(users).where(eq(users.email, "strandpixels@import.test"));
    expect(account).toMatchObject({ role: "provider", passwordHash: null });
    const mails = await db.select().from(outbox).where(eq(outbox.topic, "mail.send"));
    const invitations = mails.filter((m) => m.payload.subject === "Je bent uitgenodigd voor Koppel");
    expect(invitations.map((m) => m.payload.to).sort()).toEqual(["belfort@import.test", "polderpost@import.test", "strandpixels@import.test"]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "provider.import"));
    expect(audit.map((a) => a.toState).sort()).toEqual(["approved", "approved", "pending"]);
  });

  it("updates on a second import, by enterprise number, without new accounts or mails", async () => {
    const before = await counts();
    const response = await post("providers", providerCsv("70"));
    expect(await response.json()).toEqual({ imported: 3, created: 0, updated: 3 });
    expect(await counts()).toEqual(before);
    const [row] = await db.select().from(providers).where(eq(providers.enterpriseNumber, "0700000104"));
    expect(row.hourlyRateCents).toBe(7000);
  });

  it("reads semicolon-separated files with quoted lists", async () => {
    const csv = [
      providerHeader.replaceAll(",", ";"),
      `0700.000.401;Kustklik;kustklik@import.test;ict;"website;seo_sea";retail;35013;20;;nl;60;2;2025-01-01;;pending`,
    ].join("\r\n");
    const response = await post("providers", "\uFEFF" + csv);
    expect(await response.json()).toEqual({ imported: 1, created: 1, updated: 0 });
  });

  it("imports nothing when one row is bad, naming its row and column in Dutch", async () => {
    const before = await counts();
    const csv = [
      providerHeader,
      `0700.000.597,Goede Zaak,goed@import.test,ict,website,retail,35013,20,,nl,60,2,2025-01-01,,pending`,
      `0700.000.595,Foute Zaak,fout@import.test,ict,website;blockchain,retail,39999,20,,nl,60,2,2025-01-01,,approved`,
    ].join("\n");
    const response = await post("providers", csv);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.errors).toEqual([
      { row: 3, column: "enterprise_number", message: "Dit is geen geldig ondernemingsnummer (10 cijfers, bv. 0123.456.749)." },
      { row: 3, column: "services", message: "Kies een van de mogelijkheden." },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("checks across rows and against existing accounts", async () => {
    const csv = [
      providerHeader,
      `0700.000.696,Eén,een@import.test,ict,website,retail,39999,20,,nl,60,2,2025-01-01,,pending`,
      `0700.000.696,Twee,twee@import.test,ict,website,retail,35013,20,,nl,60,2,2025-01-01,,pending`,
      `0700.000.795,Drie,strandpixels@import.test,ict,website,retail,35013,20,,nl,60,2,2025-01-01,,pending`,
    ].join("\n");
    const body = await (await post("providers", csv)).json();
    expect(body.errors).toEqual([
      { row: 2, column: "base_nis_code", message: "Kies een gemeente uit de lijst." },
      { row: 3, column: "enterprise_number", message: "Dit staat al in rij 2 van het bestand." },
      { row: 4, column: "email", message: "Dit e-mailadres hoort al bij een ander account." },
    ]);
  });

  it("names missing and unknown columns, and refuses an empty or non-CSV body", async () => {
    const missing = await (await post("providers", "enterprise_number,company_name,colour\n0700.000.104,X,rood")).json();
    expect(missing.errors).toEqual(
      expect.arrayContaining([
        { row: 1, column: "email", message: "Deze kolom ontbreekt." },
        { row: 1, column: "colour", message: "Deze kolom kennen we niet." },
      ]),
    );
    expect((await (await post("providers", "")).json()).errors).toEqual([{ row: 1, column: "", message: "Het bestand bevat geen rijen." }]);
    expect((await post("providers", '{"a":1}', adminToken, "application/json")).status).toBe(415);
    const ragged = await post("providers", `${providerHeader}\n"unterminated,quote`);
    expect(ragged.status).toBe(422);
  });

  it("is for the programme office only", async () => {
    expect((await post("providers", providerCsv(), retailerToken)).status).toBe(403);
    expect((await post("providers", providerCsv(), "kop_wrong")).status).toBe(401);
    expect((await post("unknown", providerCsv())).status).toBe(404);
  });
});

describe("POST /api/v1/import/businesses", () => {
  const header = "enterprise_number,name,email,sector,nace_code,nis_code,postal_code,street,languages,website,description";

  it("imports businesses with coordinates from the postal code, one owner for several", async () => {
    const csv = [
      header,
      `0800.000.174,Bakkerij Import,bakker@import.test,retail,47241,31005,8310,Kerkstraat 1,nl,https://bakkerij.example,Brood en koeken.`,
      `0800.000.273,Café Import,bakker@import.test,hospitality,56301,31005,8000,Markt 2,nl;fr,,`,
    ].join("\n");
    const response = await post("businesses", csv);
    expect(await response.json()).toEqual({ imported: 2, created: 2, updated: 0 });
    const rows = await db.select().from(businesses).where(eq(businesses.ownerId, (await db.select().from(users).where(eq(users.email, "bakker@import.test")))[0].id));
    expect(rows).toHaveLength(2);
    expect(rows.find((b) => b.name === "Bakkerij Import")).toMatchObject({ digitalPresence: { website: { active: true, url: "https://bakkerij.example" } } });
  });

  it("refuses a postal code of another municipality and a javascript: website", async () => {
    const before = (await db.select({ n: count() }).from(businesses))[0].n;
    const csv = [
      header,
      `0800.000.372,Fout Adres,fout@import.test,retail,,31005,8500,,nl,,`,
      `0800.000.471,Foute Link,link@import.test,retail,,31005,8000,,nl,javascript:alert(1),`,
    ].join("\n");
    const body = await (await post("businesses", csv)).json();
    expect(body.errors).toEqual([
      { row: 3, column: "website", message: "Alleen adressen die beginnen met http:// of https:// zijn toegelaten." },
    ]);
    const second = await (await post("businesses", [header, `0800.000.372,Fout Adres,fout@import.test,retail,,31005,8500,,nl,,`].join("\n"))).json();
    expect(second.errors).toEqual([{ row: 2, column: "postal_code", message: "Deze postcode hoort niet bij de gekozen gemeente." }]);
    expect((await db.select({ n: count() }).from(businesses))[0].n).toBe(before);
  });
});

describe("the import page's column guide", () => {
  it("shows, for each import, example rows the import accepts under the header it lists", async () => {
    const { businessColumns, importExamples, providerColumns } = await import("~/modules/profiles/import-rows");
    for (const [kind, columns] of [["providers", providerColumns], ["businesses", businessColumns]] as const) {
      const response = await post(kind, `${columns.join(",")}\n${importExamples[kind]}`);
      expect(response.status, kind).toBe(200);
      expect(await response.json()).toMatchObject({ imported: 1 });
    }
  });
});
