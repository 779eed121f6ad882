import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, logInThroughForm, login, newBrowserContext, newCredentials, nextClientIp, waitForMail } from "../support/browser";

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await newBrowserContext();
});
afterAll(async () => {
  await context?.close();
});

async function freshPage() {
  await context.clearCookies();
  await context.setExtraHTTPHeaders({ "X-Forwarded-For": nextClientIp() });
  page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return errors;
}

/** Waits until the page's main heading reads `name`: the sign that a navigation has finished. */
function heading(name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
}

const logIn = (email: string, password?: string) => logInThroughForm(page, email, password);

describe("an account from start to finish", () => {
  it("registers, confirms the address through the mailed link, logs out, logs in and lands on the role's home", async () => {
    const errors = await freshPage();
    const me = newCredentials("provider");
    await page.goto("/");
    expect(await page.getAttribute("html", "lang")).toBe("nl-BE");
    await page.getByRole("link", { name: "Registreren" }).first().click();
    await heading("Account aanmaken");
    await page.getByLabel("Naam").fill(me.name);
    await page.getByLabel("E-mailadres").fill(me.email);
    await page.getByLabel("Aanbieder (ICT-starter of marketingspecialist)").check();
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await page.getByRole("status").filter({ hasText: "Bekijk je mailbox." }).waitFor();
    // Nobody is signed in until the address is proven.
    expect(await context.cookies()).not.toContainEqual(expect.objectContaining({ name: "koppel_session" }));

    const mail = await waitForMail(me.email, { subject: "Kies je wachtwoord voor Koppel" });
    await page.goto(/(http\S+wachtwoord-instellen\?token=\S+)/.exec(mail.text)![1]);
    await heading("Kies je wachtwoord");
    await page.getByLabel("Nieuw wachtwoord").fill(me.password);
    await page.getByLabel("Herhaal het wachtwoord").fill(me.password);
    await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await page.waitForURL("**/aanbieder");
    await heading("Mijn aanbod");
    await page.getByRole("status").filter({ hasText: "Welkom bij Koppel, je account is aangemaakt." }).waitFor();

    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.getByRole("status").filter({ hasText: "Je bent uitgelogd." }).waitFor();

    await logIn(me.email, me.password);
    await page.waitForURL("**/aanbieder");
    await page.getByText(`Ingelogd als ${me.name} (Aanbieder)`).waitFor();
    expect(errors).toEqual([]);
  });

  it("shows a Dutch error for a wrong password, beside the form", async () => {
    await freshPage();
    await logIn("demo.onbekend@voorbeeld.be", "helemaal-niet-juist");
    await expect(page.getByRole("alert").textContent()).resolves.toBe("Het e-mailadres of het wachtwoord klopt niet.");
    expect(new URL(page.url()).pathname).toBe("/inloggen");
  });

  it("validates in the browser before posting, in Dutch", async () => {
    await freshPage();
    await page.goto("/registreren");
    await page.getByLabel("E-mailadres").fill("geen-adres");
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await expect(page.getByText("Vul een geldig e-mailadres in.").textContent()).resolves.toBeTruthy();
    expect(await page.getByLabel("E-mailadres").getAttribute("aria-invalid")).toBe("true");
  });

  it("answers the sixth failed login with the rate limit", async () => {
    await freshPage();
    const me = await login(context);
    await context.clearCookies();
    for (let i = 0; i < 5; i++) {
      await logIn(me.email, `fout-wachtwoord-${i}`);
      await page.getByRole("alert").waitFor();
    }
    await logIn(me.email, me.password);
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/^Te veel mislukte pogingen\. Probeer het over 1[45] minuten opnieuw\.$/);
  });

  it("resets a forgotten password through the mailed link, once", async () => {
    await freshPage();
    const me = await login(context);
    await context.clearCookies();
    await page.goto("/inloggen");
    await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
    await heading("Wachtwoord vergeten");
    await page.getByLabel("E-mailadres").fill(me.email);
    await page.getByRole("button", { name: "Stuur de link" }).click();
    await page.getByText("Als er een account is met dit e-mailadres").waitFor();

    const mail = await waitForMail(me.email, { subject: "Je nieuw wachtwoord voor Koppel" });
    const link = /(http\S+wachtwoord-instellen\?token=\S+)/.exec(mail.text)?.[1];
    expect(link).toBeTruthy();

    await page.goto(link!);
    await heading("Kies een nieuw wachtwoord");
    await page.getByLabel("Nieuw wachtwoord").fill("Nieuwe-Zin-Over-De-Reien");
    await page.getByLabel("Herhaal het wachtwoord").fill("Nieuwe-Zin-Over-De-Reien");
    await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await page.waitForURL("**/ondernemer");

    await page.goto(link!);
    expect(await page.getByRole("alert").textContent()).toContain("Deze link is ongeldig, al gebruikt of verlopen.");
  });
});

describe("staff accounts", () => {
  it("an admin invites municipality staff, who set a password and land on their municipality", async () => {
    await freshPage();
    await logIn("admin@demo.koppel.test", "Koppel-demo-2026");
    await page.waitForURL("**/beheer");
    await page.getByRole("link", { name: "Gebruikers" }).first().click();
    await heading("Gebruikers");
    const email = `${newCredentials().email.replace("@", ".oostende@")}`;
    await page.getByLabel("Naam").fill("Stad Oostende – Lokale Economie");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Gemeente", { exact: true }).check();
    await page.getByLabel("Oostende").check();
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await page.getByText(`De uitnodiging is verstuurd naar ${email}.`).waitFor();

    const mail = await waitForMail(email);
    const link = /(http\S+wachtwoord-instellen\?token=[\w%-]+)/.exec(mail.raw.replace(/=\r?\n/g, ""))?.[1];
    await context.clearCookies();
    await page.goto(link!.replace(/=3D/g, "="));
    await heading("Kies je wachtwoord");
    await page.getByLabel("Nieuw wachtwoord").fill("Oostende-Aan-Zee-Wachtwoord");
    await page.getByLabel("Herhaal het wachtwoord").fill("Oostende-Aan-Zee-Wachtwoord");
    await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await page.waitForURL("**/gemeente");
    await heading("Mijn gemeente");
    expect(await page.getByRole("heading", { level: 2, name: /^Cijfers voor / }).allTextContents()).toEqual(["Cijfers voor Oostende"]);
  });
});

describe("the shell", () => {
  it("switches to English and remembers it for a visitor", async () => {
    await freshPage();
    await page.goto("/over");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await heading("About Koppel");
    await page.goto("/inloggen");
    await heading("Log in");
    expect(await page.getAttribute("html", "lang")).toBe("en");
  });

  it("offers a skip link as the first stop of the keyboard", async () => {
    await freshPage();
    await page.goto("/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Naar de inhoud");
  });

  it("shows a friendly Dutch 404", async () => {
    await freshPage();
    const response = await page.goto("/bestaat-niet");
    expect(response?.status()).toBe(404);
    await heading("Pagina niet gevonden");
  });

  it("sends security headers and refuses a foreign Origin", async () => {
    const home = await fetch(`${baseUrl()}/`);
    expect(home.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    expect(home.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(home.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);

    const forged = await fetch(`${baseUrl()}/registreren`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(newCredentials()),
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({ error: "Dit verzoek komt niet van Koppel zelf en is geweigerd." });
  });

  it("serves a favicon and health", async () => {
    expect((await fetch(`${baseUrl()}/favicon.ico`)).status).toBe(200);
    expect(await (await fetch(`${baseUrl()}/healthz`)).json()).toMatchObject({ status: "ok", database: process.env.E2E_DATABASE_URL ? "postgres" : "pglite", mail: "file" });
  });
});
