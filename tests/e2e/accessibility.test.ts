import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInThroughForm, newBrowserContext, seriousViolations } from "../support/browser";

let context: BrowserContext;
beforeAll(async () => {
  context = await newBrowserContext();
});
afterAll(async () => {
  await context?.close();
});

describe("accessibility (axe-core)", () => {
  it.each(["/", "/inloggen", "/registreren", "/wachtwoord-vergeten", "/wachtwoord-instellen?token=ongeldig", "/over", "/privacy", "/aanbieders", "/aanbieders?q=webshop&service=webshop", "/aanbieders/pixelpier", "/bestaat-niet"])(
    "%s has no serious or critical violations",
    async (path) => {
      const page = await context.newPage();
      await page.goto(path);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it("the admin's pages have none either", async () => {
    const page = await context.newPage();
    await logInThroughForm(page, "admin@demo.koppel.test");
    await page.waitForURL("**/beheer");
    for (const path of ["/beheer", "/beheer/gebruikers", "/beheer/screening", "/beheer/import", "/beheer/programmas", "/beheer/betalingen", "/beheer/uitbetalingen", "/trajecten", "/account"]) {
      await page.goto(path);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.close();
  });

  it("the retailer's pages have none either", async () => {
    const page = await context.newPage();
    await context.clearCookies();
    await logInThroughForm(page, "boekhandel.de.zandloper@demo.koppel.test");
    await page.waitForURL("**/ondernemer");
    // Hydrated and idle first: a click while React takes over the page can be lost on a busy machine.
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page), "/ondernemer").toEqual([]);
    await page.getByRole("link", { name: "Bewerken" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Zaak bewerken" }).waitFor();
    expect(await seriousViolations(page), "business form").toEqual([]);
    await page.goto("/ondernemer");
    await page.getByRole("link", { name: "Quickscan starten" }).first().click();
    await page.locator("fieldset.scale").first().waitFor();
    expect(await seriousViolations(page), "quickscan").toEqual([]);
    await page.goto("/zaken/boekhandel-de-zandloper-brugge");
    expect(await seriousViolations(page), "public business page").toEqual([]);
    await page.close();
  });
});
