import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { logInThroughForm, newBrowserContext, seriousViolations } from "../support/browser";

/*
 * The programme office's dashboard in a browser: charts drawn, each with its table, filters that
 * apply, an export that downloads the expected rows, settings and the audit log that records them.
 */
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await newBrowserContext();
  page = await context.newPage();
  await logInThroughForm(page, "admin@demo.koppel.test");
  await page.waitForURL("**/beheer");
});
afterAll(async () => {
  await context?.close();
});

describe("the programme office's dashboard", () => {
  it("renders charts with table alternatives, filters, and passes axe", async () => {
    await page.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    // Five charts; each either drawn with its table or, without data yet, saying so.
    expect(await page.locator("figure.chart").count()).toBe(5);
    const drawn = await page.locator("figure.chart .chart-drawing").count();
    expect(drawn).toBeGreaterThanOrEqual(1);
    expect(await page.locator("figure.chart details table").count()).toBe(drawn);
    expect(await page.locator("figure.chart").filter({ hasText: "Nog geen gegevens" }).count()).toBe(5 - drawn);
    expect(await page.locator('svg.municipality-map-svg path[data-nis="31005"]').count()).toBe(1);
    await page.getByText("Aanbieders te screenen").waitFor();
    const funnel = page.locator("figure.chart").filter({ hasText: "Van hulpvraag tot afgerond traject" });
    await funnel.getByText("Toon als tabel").click();
    await funnel.getByRole("rowheader", { name: "Gepubliceerde hulpvragen" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("combobox", { name: "Programma", exact: true }).selectOption({ index: 1 });
    await page.getByLabel("Van", { exact: true }).fill("2026-01-01");
    await page.getByRole("button", { name: "Toon" }).click();
    await page.waitForURL(/programme=[0-9a-f-]{36}.*from=2026-01-01/);
    await page.getByRole("heading", { level: 2, name: "Budget per programma" }).waitFor();
  });

  it("downloads an export with one row per business", async () => {
    await page.goto("/beheer");
    await page.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    // Hydrated and idle first: a click while React takes over the page can be lost.
    await page.waitForLoadState("networkidle");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ondernemingen", exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^koppel-businesses-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Naam;Ondernemingsnummer;Sector;NACE-code;Gemeente;Postcode;Aangemaakt op");
    expect(lines.length - 1).toBeGreaterThanOrEqual(30);
    expect(lines.some((l) => l.startsWith("Boekhandel De Zandloper;") && l.includes(";Brugge;8000;"))).toBe(true);
  });

  it("saves settings and shows the change in the audit log", async () => {
    await page.goto("/beheer/instellingen");
    await page.getByRole("heading", { level: 1, name: "Instellingen" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const saveInvitationCount = async (value: string) => {
      await page.getByLabel("Uitgenodigde aanbieders per hulpvraag").fill(value);
      await page.getByLabel("Uitgenodigde aanbieders per hulpvraag").blur();
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/beheer/instellingen")),
        page.getByRole("button", { name: "Instellingen bewaren" }).click(),
      ]);
      await page.getByRole("status").filter({ hasText: "De instellingen zijn bewaard." }).waitFor();
    };
    await saveInvitationCount("6");
    // Put it back, so other browser tests meet the defaults.
    await saveInvitationCount("5");

    await page.goto("/beheer/audit?entity=settings");
    await page.getByRole("heading", { level: 1, name: "Auditlog" }).waitFor();
    expect(await page.getByRole("rowheader", { name: "Instellingen gewijzigd" }).count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/beheer");
    await page.getByRole("link", { name: /^Impactrapport:/ }).first().click();
    await page.getByRole("heading", { level: 1, name: /^Impactrapport: / }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("the office's refunds", () => {
  it("lists the demo's unused own share, and marks it done by hand with how, as someone new to the page would", async () => {
    await page.goto("/beheer/terugbetalingen");
    await page.getByRole("heading", { level: 1, name: "Terugbetalingen" }).waitFor();
    await page.waitForLoadState("networkidle");
    // The demo's fashion shop stopped after its advice. Its provider uses the small-enterprise
    // exemption (no VAT), so by hand: own share €1,300 − €975 = €325.00; the advice earned its €400
    // less its €300 voucher share = €100.00 of it; €225.00 back.
    const row = page.getByRole("row").filter({ hasText: "Modehuis Lina" });
    await row.getByText("€ 225,00").waitFor();
    await row.getByText("Traject vroeg gestopt: ongebruikt deel van de eigen bijdrage").waitFor();
    await row.getByText("Met de hand gedaan…").click();
    await row.getByLabel("Hoe je het terugstortte").fill("Overschrijving van 4 december vanuit KBC Business");
    expect(await seriousViolations(page)).toEqual([]);
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/office-refund-by-hand.png`, fullPage: true });
    await row.getByRole("button", { name: "Als gedaan markeren" }).click();
    await page.getByText("De terugstorting is als gedaan gemarkeerd.").waitFor();
    await page.getByText("Er hoeft niets teruggestort te worden.").waitFor();
    await page.getByRole("heading", { level: 2, name: "Laatst gedaan" }).waitFor();
    await page.getByText("Overschrijving van 4 december vanuit KBC Business").waitFor();
  });
});

describe("the office's bank statements", () => {
  it("pays the demo's open own share from the bank's CSV, then knows the same movement again as CODA", async () => {
    await page.goto("/beheer/betalingen");
    await page.getByRole("heading", { level: 1, name: "Betalingen eigen bijdrage" }).waitFor();
    await page.waitForLoadState("networkidle");
    // What the office reads off its own page: B&B Hoppeland's open transfer, amount and reference.
    const open = page.getByRole("row").filter({ hasText: "B&B Hoppeland" });
    const cells = await open.getByRole("cell").allInnerTexts();
    const reference = cells.find((c) => c.startsWith("+++"))!;
    const cents = Math.round(Number(cells.find((c) => c.startsWith("€"))!.replace(/[^\d,]/g, "").replace(",", ".")) * 100);
    const today = new Date().toLocaleDateString("nl-BE", { timeZone: "Europe/Brussels", day: "2-digit", month: "2-digit", year: "numeric" });
    // The KBC Dutch export's layout (tests/fixtures/SOURCES.md), a row ending in an extra separator.
    const csv = [
      "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling",
      `BE68539007547034;Programmarekening;PROVINCIE WEST-VLAANDEREN;EUR;2026123;${today};OVERSCHRIJVING;${today};${(cents / 100).toFixed(2).replace(".", ",")};25.000,00;;;BE71096123456769;GKCCBEBB;B&B Hoppeland;Poperinge;${reference.replace(/\D/g, "")};;`,
    ].join("\r\n");
    await page.getByLabel("Rekeninguittreksel (CODA of CSV)").setInputFiles({ name: "kbc-export.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "latin1") });
    await page.getByRole("button", { name: "Uittreksel verwerken" }).click();
    await page.getByRole("heading", { level: 2, name: "1 beweging gelezen (CSV)" }).waitFor();
    await page.getByText("1 beweging nu verwerkt.").waitFor();
    await page.getByRole("rowheader", { name: "Betaling bevestigd: het traject start" }).waitFor();
    // The open transfer is gone once the page has read its data again after the upload.
    await open.waitFor({ state: "detached" });
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/office-statement-summary.png`, fullPage: true });

    // The same movement in the day's CODA file: recognised, nothing changes.
    const { codaFile } = await import("../support/coda");
    const [dd, mm, yyyy] = today.split("/");
    const coda = codaFile({ date: `${dd}${mm}${yyyy.slice(2)}`, movements: [{ amountCents: cents, structured: reference.replace(/\D/g, ""), valueDate: `${dd}${mm}${yyyy.slice(2)}`, counterpartyIban: "BE71096123456769", counterpartyName: "B&B HOPPELAND" }] });
    await page.getByLabel("Rekeninguittreksel (CODA of CSV)").setInputFiles({ name: "245.cod", mimeType: "application/octet-stream", buffer: Buffer.from(coda, "latin1") });
    await page.getByRole("button", { name: "Uittreksel verwerken" }).click();
    await page.getByRole("heading", { level: 2, name: "1 beweging gelezen (CODA)" }).waitFor();
    await page.getByText("1 beweging was al verwerkt (uit dit of een ander bestand, CODA of CSV): niets gewijzigd.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

