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
    expect(lines[0]).toBe("naam;kbo;sector;nace;gemeente;postcode;aangemaakt");
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
