import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, newBrowserContext } from "../support/browser";
import { crawl, demoSessionCookies, roles, type Role } from "../support/crawl";

/*
 * Every page each kind of person reaches, in Chromium at a phone's width (390 px) and a desk's
 * (1280 px), with the demo data: nothing may stick out of the viewport (the page scrolling
 * sideways) and no box may hide part of its content behind a scroll bar of its own (the bid
 * comparison hid its accept buttons that way). SCREENSHOTS_DIR=dir keeps a screenshot of each (of
 * the first screen; the whole page with SCREENSHOTS_FULL_PAGE=1), for a person to look at.
 */
const widths = [390, 1280] as const;
const screenshots = process.env.SCREENSHOTS_DIR;
let cookies: Record<Role, string>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  cookies = await demoSessionCookies();
  if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
});

/** What sticks out at the page's width: the page's own overflow and any box that clips or scrolls its content sideways. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const classes = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${classes} "${text}"`;
    };
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > viewport + 1) {
      const outermost = [...document.querySelectorAll("body *")].filter((el) => {
        const box = el.getBoundingClientRect();
        const parent = el.parentElement?.getBoundingClientRect();
        return box.width > 0 && box.right > viewport + 1 && (!parent || parent.right <= viewport + 1);
      });
      problems.push(`page is ${document.documentElement.scrollWidth} px wide: ${outermost.slice(0, 3).map((el) => `${describe(el)} to ${Math.round(el.getBoundingClientRect().right)} px`).join("; ")}`);
    }
    for (const el of document.querySelectorAll("body *")) {
      // Text for screen readers only is clipped to one pixel on purpose; a text field scrolls its
      // own value as anyone expects.
      if (el.clientWidth <= 1 || el.matches("input, select")) continue;
      const style = getComputedStyle(el);
      if (!["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`${describe(el)} hides ${el.scrollWidth - el.clientWidth} px of its content sideways`);
    }
    return problems;
  });
}

describe("every page fits the screen", () => {
  it.each(roles)("for %s, at 390 and 1280 px", { timeout: 600_000 }, async (role) => {
    const pages = (await crawl(role, cookies[role], { limit: 80, perShape: 2 })).filter((p) => p.status === 200 && p.contentType.startsWith("text/html"));
    expect(pages.length).toBeGreaterThan(role === "anonymous" ? 5 : 3);
    const context = await newBrowserContext();
    contexts.push(context);
    const session = cookies[role].match(/koppel_session=([^;]+)/)?.[1];
    if (session) await context.addCookies([{ name: "koppel_session", value: session, url: baseUrl(), httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    const problems: string[] = [];
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      for (const { path: pagePath } of pages) {
        await page.goto(pagePath, { waitUntil: "load" });
        for (const problem of await layoutProblems(page)) problems.push(`${role} ${width} px ${pagePath}: ${problem}`);
        if (screenshots) await page.screenshot({ path: path.join(screenshots, `${role}-${width}${pagePath.replace(/\//g, "_") || "_"}.png`), fullPage: process.env.SCREENSHOTS_FULL_PAGE === "1" });
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the header", () => {
  it("folds its links behind a Menu button on a phone, and lists each row of them on one line on a desk", { timeout: 120_000 }, async () => {
    const context = await newBrowserContext();
    contexts.push(context);
    const session = cookies.admin.match(/koppel_session=([^;]+)/)?.[1];
    await context.addCookies([{ name: "koppel_session", value: session!, url: baseUrl(), httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();

    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto("/beheer");
    const menu = page.getByRole("button", { name: "Menu" });
    await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
    const auditLink = page.getByRole("banner").getByRole("link", { name: "Auditlog" });
    expect(await auditLink.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await auditLink.click();
    await page.getByRole("heading", { level: 1, name: "Auditlog" }).waitFor();
    // Arrived, the menu is folded again.
    await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/beheer");
    expect(await menu.isVisible()).toBe(false);
    const rows = await page.locator(".site-nav .nav-list").evaluateAll((lists) => lists.map((list) => new Set([...list.children].map((item) => Math.round(item.getBoundingClientRect().top))).size));
    expect(rows).toEqual([1, 1]);
  });
});

describe("the directory on a phone (issue 22, item 9)", () => {
  it("shows the first provider on the first screen, the filters folded behind one button; a desk shows the filters", async () => {
    const context = await newBrowserContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/aanbieders", { waitUntil: "networkidle" });
    const filters = page.locator("details.facets-fold");
    await expect.poll(() => filters.evaluate((el: HTMLDetailsElement) => el.open)).toBe(false);
    // Before: about 1,500 px of filters above the first provider.
    const firstCard = page.locator("section.results li.card").first();
    expect((await firstCard.boundingBox())!.y).toBeLessThan(844);
    await page.getByText("Filters", { exact: true }).click();
    await page.getByRole("group", { name: "Dienst", exact: true }).waitFor();

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/aanbieders", { waitUntil: "networkidle" });
    expect(await filters.evaluate((el: HTMLDetailsElement) => el.open)).toBe(true);
    expect(await page.getByText("Filters", { exact: true }).isVisible()).toBe(false);
  });
});

