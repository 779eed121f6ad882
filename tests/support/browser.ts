import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

/**
 * A client address of its own for each browser context (from 198.18.0.0/15, the range set aside
 * for tests), so one test's failed logins never count against another's.
 */
export function nextClientIp() {
  const [a, b] = crypto.getRandomValues(new Uint8Array(2));
  return `198.${18 + (a & 1)}.${b}.${1 + Math.floor(Math.random() * 254)}`;
}

/**
 * What went wrong inside the pages of every context this file opened: uncaught errors (a failed
 * hydration among them) and console errors (a CSP violation among them). tests/support/e2e-setup.ts
 * fails the test in which one occurred.
 */
const pageProblems: string[] = [];
export const takePageProblems = () => pageProblems.splice(0);

/**
 * The questions pages asked before an action that cannot be undone (window.confirm), in order. A
 * person in these tests answers yes; a test reads them to check the right question was asked.
 */
const dialogs: string[] = [];
export const takeDialogs = () => dialogs.splice(0);

/** Debian's Chromium, headless, with a fresh profile; nothing downloads a browser. */
export async function newBrowserContext(options: { locale?: string; baseURL?: string } = {}): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    baseURL: options.baseURL ?? baseUrl(),
    locale: options.locale ?? "nl-BE",
    extraHTTPHeaders: { "X-Forwarded-For": nextClientIp() },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  context.on("weberror", (error) => pageProblems.push(`uncaught on ${error.page()?.url()}: ${error.error().message}`));
  context.on("console", (message) => {
    // A status the test provoked (404, 429) is logged as a failed resource; anything else is a fault.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) pageProblems.push(`console on ${message.page()?.url()}: ${message.text()}`);
  });
  context.on("close", () => {
    // Chromium may still be writing its profile as it exits; a leftover temp dir is harmless.
    fs.rm(profile, { recursive: true, force: true, maxRetries: 5 }, () => {});
  });
  return context;
}

let accountCounter = 0;
export function newCredentials(role: "retailer" | "provider" = "retailer") {
  accountCounter += 1;
  const tag = `${process.pid}${accountCounter}${Date.now().toString(36)}`;
  return { name: `E2E Gebruiker ${accountCounter}`, email: `e2e.${tag}@voorbeeld.test`, password: `Leiekaai-Wandeling-${tag}`, role };
}

/**
 * The login fixture: creates an account the way a person does, through the app's own endpoints (the
 * server holds the embedded database): the registration form, then the mailed link with a password.
 * The session cookie goes into the browser.
 */
export async function login(context: BrowserContext, role: "retailer" | "provider" = "retailer") {
  const credentials = newCredentials(role);
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${baseUrl()}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": nextClientIp() },
      body: new URLSearchParams(fields),
    });
  const registered = await post("/registreren", { name: credentials.name, email: credentials.email, role });
  if (registered.status !== 200) throw new Error(`registration failed: ${registered.status}`);
  const token = /wachtwoord-instellen\?token=([\w-]+)/.exec((await waitForMail(credentials.email, { subject: "Kies je wachtwoord voor Koppel" })).text)?.[1];
  if (!token) throw new Error(`no password link mailed to ${credentials.email}`);
  const set = await post("/wachtwoord-instellen", { token, password: credentials.password, confirmPassword: credentials.password });
  if (set.status !== 302) throw new Error(`setting the password failed: ${set.status}`);
  const session = set.headers.getSetCookie().find((c) => c.startsWith("koppel_session="))!;
  const value = session.split(";")[0].slice("koppel_session=".length);
  await context.addCookies([{ name: "koppel_session", value, url: baseUrl(), httpOnly: true, sameSite: "Lax" }]);
  return credentials;
}

/**
 * The newest .eml the server wrote to a given address (mail goes to files on the embedded defaults),
 * decoded; with `subject`, the newest with that subject (an earlier mail to the same address may
 * already be there while the one awaited is still in the outbox).
 */
export async function waitForMail(to: string, options: { subject?: string; timeoutMs?: number } = {}) {
  const { subject, timeoutMs = 15_000 } = options;
  const dir = path.join(inject("serverDataDir"), "mail");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const file of files) {
      const raw = fs.readFileSync(path.join(dir, file), "utf8");
      if (!new RegExp(`^To: ${to.replace(/[.+]/g, "\\$&")}$`, "m").test(raw)) continue;
      const parsed = await simpleParser(raw);
      if (subject && parsed.subject !== subject) continue;
      return { id: file.replace(/\.eml$/, ""), raw, subject: parsed.subject ?? "", text: parsed.text ?? "" };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail${subject ? ` "${subject}"` : ""} to ${to} within ${timeoutMs} ms`);
}

/** The demo accounts every browser test may use, one per role (they share one password). */
export const demoAccounts = {
  admin: "admin@demo.koppel.test",
  municipality: "brugge@demo.koppel.test",
  retailer: "boekhandel.de.zandloper@demo.koppel.test",
  provider: "pixelpier@demo.koppel.test",
  // The demo's marketplace activity (README): proposals to compare, an engagement in progress and
  // its provider, so the crawls reach the bid comparison and the workspace too.
  retailerComparingBids: "vishandel.de.noordzee@demo.koppel.test",
  retailerInEngagement: "taverne.de.lakenhalle@demo.koppel.test",
  providerInEngagement: "hopsite@demo.koppel.test",
  // The own share to pay (the payment card and its QR code), and a provider paid in a batch (earnings).
  retailerPaying: "b.b.hoppeland@demo.koppel.test",
  providerPaid: "grensweb@demo.koppel.test",
} as const;
const demoPassword = "Koppel-demo-2026";

/** A session cookie per demo role (and an empty one for a visitor), from the login form's own action. */
export async function demoSessionCookies() {
  const cookies = { anonymous: "" } as Record<"anonymous" | keyof typeof demoAccounts, string>;
  for (const [role, email] of Object.entries(demoAccounts) as [keyof typeof demoAccounts, string][]) {
    const response = await fetch(`${baseUrl()}/inloggen`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": nextClientIp() },
      body: new URLSearchParams({ email, password: demoPassword }),
    });
    if (response.status !== 302) throw new Error(`${role} could not log in: ${response.status}`);
    cookies[role] = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }
  return cookies;
}

/** Logs a page in through the login form, as a person does (demo accounts share one password). */
export async function logInThroughForm(page: Page, email: string, password = demoPassword) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical findings; injected over DevTools, so the page's CSP stays on. */
export async function seriousViolations(page: Page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
