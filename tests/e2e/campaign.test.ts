import type { BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInThroughForm, newBrowserContext, seriousViolations } from "../support/browser";

/*
 * ZomerInWestVlaanderen in three browsers: Brugge's staff invite a retailer, the retailer opts a
 * business in with a promotion and a photo, staff approve and feature it, and a visitor finds it on
 * the map, the municipality page and its promotion page. axe-core checks every page on the way.
 */
const contexts: BrowserContext[] = [];
let staff: Page;
let retailer: Page;
let visitor: Page;
const retailerEmail = "b.b.de.vier.winden@demo.koppel.test";

beforeAll(async () => {
  for (let i = 0; i < 3; i++) contexts.push(await newBrowserContext());
  [staff, retailer, visitor] = await Promise.all(contexts.map((c) => c.newPage()));
});
afterAll(async () => {
  for (const c of contexts) await c.close();
});

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();
const toast = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text }).waitFor();
const accessible = async (page: Page, label: string) => expect(await seriousViolations(page), label).toEqual([]);

/** Brugge's count on the map and in the list beside it. */
async function bruggeOnTheMap(page: Page) {
  await page.goto("/zomer");
  await heading(page, /ZomerInWestVlaanderen/);
  return Number(await page.locator('path[data-nis="31005"]').getAttribute("data-value"));
}

describe("ZomerInWestVlaanderen", () => {
  it("goes from a municipality's invitation to a featured promotion on the public pages", async () => {
    const before = await bruggeOnTheMap(visitor);
    await accessible(visitor, "/zomer");

    // Brugge's staff invite the owner of B&B De Vier Winden.
    await logInThroughForm(staff, "brugge@demo.koppel.test");
    await staff.waitForURL("**/gemeente");
    await accessible(staff, "/gemeente");
    await staff.getByRole("navigation").getByRole("link", { name: "Zomercampagne" }).click();
    // The edition's own title, once (it read "ZomerInWestVlaanderen: ZomerInWestVlaanderen 2026").
    await heading(staff, /^ZomerInWestVlaanderen \d{4}$/);
    await accessible(staff, "/gemeente/zomer");
    // The code for the municipality's own website, ready to copy: both addresses answer.
    const embed = await staff.getByLabel("Code om in te bouwen (iframe)").inputValue();
    const frameSrc = embed.match(/<iframe src="([^"]+)"/)?.[1];
    expect(frameSrc).toMatch(/\/embed\/zomer\/brugge$/);
    expect((await fetch(frameSrc!)).status).toBe(200);
    const feed = await fetch(await staff.getByLabel("Adres van de JSON-feed").inputValue());
    expect([feed.status, feed.headers.get("content-type")]).toEqual([200, "application/json; charset=utf-8"]);
    await staff.getByLabel("E-mailadres van de ondernemer").fill(retailerEmail);
    await staff.getByLabel("E-mailadres van de ondernemer").blur();
    await staff.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await toast(staff, "Uitnodiging verstuurd.");
    await staff.getByText(`${retailerEmail} · Brugge`).waitFor();

    // The retailer finds the invitation and opts the B&B in with a photo.
    await logInThroughForm(retailer, retailerEmail);
    await retailer.waitForURL("**/ondernemer");
    await retailer.goto("/meldingen");
    await retailer.getByText(/Brugge nodigt je uit voor ZomerInWestVlaanderen/).first().waitFor();
    await retailer.goto("/ondernemer/zomer");
    await heading(retailer, "ZomerInWestVlaanderen");
    await accessible(retailer, "/ondernemer/zomer");
    await retailer.getByRole("listitem").filter({ has: retailer.getByRole("heading", { name: "B&B De Vier Winden" }) }).getByRole("link", { name: /Meedoen met/ }).click();
    await heading(retailer, "Zomerpromotie voor B&B De Vier Winden");
    await accessible(retailer, "promotion form");
    await retailer.getByLabel("Titel van je promotie").fill("Derde nacht gratis");
    await retailer.getByLabel("Je promotie", { exact: true }).fill("Blijf drie nachten aan de reien en betaal er maar twee, ontbijt met streekproducten inbegrepen.");
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#2f8f73" } }).jpeg().toBuffer();
    await retailer.getByLabel("Foto (niet verplicht)").setInputFiles({ name: "reien.jpg", mimeType: "image/jpeg", buffer: photo });
    await retailer.getByRole("button", { name: "Promotie bewaren" }).click();
    await toast(retailer, "Je promotie is bewaard.");
    await retailer.getByText("Derde nacht gratis").waitFor();

    // Not public until approved.
    await visitor.goto("/zomer/brugge");
    await heading(visitor, "Zomer in Brugge");
    expect(await visitor.getByRole("link", { name: "B&B De Vier Winden" }).count()).toBe(0);

    // Staff approve and feature it.
    await staff.reload();
    await staff.getByRole("button", { name: "Goedkeuren: B&B De Vier Winden" }).click();
    await toast(staff, "Bewaard.");
    await staff.getByRole("button", { name: "Uitlichten: B&B De Vier Winden" }).click();
    await toast(staff, "Bewaard.");
    await staff.getByRole("button", { name: "Niet meer uitlichten: B&B De Vier Winden" }).waitFor();

    // The visitor sees it on the map, first in Brugge's list, and on its own page.
    expect(await bruggeOnTheMap(visitor)).toBe(before + 1);
    await visitor.getByRole("link", { name: "Brugge", exact: true }).click();
    await heading(visitor, "Zomer in Brugge");
    await accessible(visitor, "/zomer/brugge");
    const card = visitor.getByRole("listitem").filter({ has: visitor.getByRole("link", { name: "B&B De Vier Winden" }) });
    expect(await card.locator(".badge", { hasText: "Uitgelicht" }).count()).toBe(1);
    const firstCards = await visitor.locator(".promotion-card.featured h2").allTextContents();
    expect(firstCards).toContain("B&B De Vier Winden");
    await visitor.getByLabel("Sector").selectOption("tourism");
    await visitor.getByRole("button", { name: "Toon" }).click();
    await visitor.waitForURL("**/zomer/brugge?*sector=tourism*");
    // The address changes a moment before React shows the filtered list: wait for the list itself.
    await expect.poll(() => visitor.locator(".promotion-card h2").allTextContents(), { timeout: 10_000 }).toEqual(["B&B De Vier Winden"]);

    await visitor.getByRole("link", { name: "B&B De Vier Winden" }).click();
    await heading(visitor, "B&B De Vier Winden");
    await visitor.getByRole("heading", { level: 2, name: "Derde nacht gratis" }).waitFor();
    const image = visitor.locator("img.promotion-photo");
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
    await accessible(visitor, "promotion page");
    // A visitor can get there (issue 22, item 13: "a promotion has no route, phone or website link").
    expect(await visitor.getByRole("link", { name: "Route" }).getAttribute("href")).toMatch(/^https:\/\/www\.openstreetmap\.org\/(directions\?to=[\d.]+%2C[\d.]+|search\?query=.+)$/);
    const jsonLd = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(jsonLd).toMatchObject({ "@type": "LocalBusiness", name: "B&B De Vier Winden", makesOffer: { name: "Derde nacht gratis" } });

    await visitor.getByRole("link", { name: "Affiche voor het raam" }).click();
    await visitor.locator(".poster-qr svg").waitFor();
    await accessible(visitor, "poster");

    await visitor.goto("/embed/zomer/brugge");
    await visitor.getByRole("link", { name: "B&B De Vier Winden" }).waitFor();
    await accessible(visitor, "widget");

    // The overview lists the municipalities that take part, each with its count; the others (of the
    // 62) fold away, and one of them says nobody takes part yet instead of "0 deelnemers" (issue 22, item 13).
    await visitor.goto("/zomer");
    const takingPart = visitor.locator("section[aria-labelledby=municipalities-title] > ul > li");
    const listed = await takingPart.allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    for (const line of listed) expect(line).toMatch(/\(\d+ (zaak|zaken)\)$/);
    const heading2 = await visitor.getByRole("heading", { level: 2, name: /doe(t|n) mee$/ }).textContent();
    expect(heading2).toBe(`${listed.length} ${listed.length === 1 ? "gemeente doet" : "gemeenten doen"} mee`);
    const folded = visitor.locator("section[aria-labelledby=municipalities-title] details");
    expect(await folded.locator("summary").textContent()).toBe(`${62 - listed.length} andere gemeenten, nog zonder deelnemers`);
    await folded.locator("summary").click();
    const quiet = (await folded.getByRole("link").first().textContent()) ?? "";
    await folded.getByRole("link").first().click();
    await heading(visitor, `Zomer in ${quiet}`);
    await visitor.getByText(`In ${quiet} doet nog geen zaak mee aan`).waitFor();
    expect(await visitor.getByText(/0 deelnemers/).count()).toBe(0);
  });

  it("gives the programme office an accessible editions page", async () => {
    const page = await contexts[0].newPage();
    await contexts[0].clearCookies();
    await logInThroughForm(page, "admin@demo.koppel.test");
    await page.waitForURL("**/beheer");
    await page.goto("/beheer/zomer");
    await heading(page, "ZomerInWestVlaanderen-edities");
    await page.getByRole("cell", { name: /\/api\/v1\/campaigns\/zomer-\d{4}\/retailers/ }).waitFor();
    await accessible(page, "/beheer/zomer");
    await page.close();
  });
});
