import { chromium } from "playwright-core";
const [,, email, path, out, width = "390"] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
const base = "http://127.0.0.1:3999";
if (email !== "-") {
  await page.goto(base + "/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("Koppel-demo-2026");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/inloggen"));
}
await page.goto(base + path);
if (process.argv[6]) { await page.getByRole("link", { name: process.argv[6] }).first().click(); await page.waitForLoadState("networkidle"); }
if (process.argv[7]) { await page.getByRole("link", { name: new RegExp(process.argv[7]) }).first().click(); await page.waitForLoadState("networkidle"); }
await page.screenshot({ path: out, fullPage: true });
await browser.close();
