import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, demoSessionCookies, nextClientIp } from "../support/browser";

/*
 * Odd addresses through the real server, for every route in app/routes and every role: control
 * characters and prototype names in the path and the query string, a newline in redirectTo. What
 * a person or a scanner may type must never be a 5xx. (Form bodies get the same treatment in
 * tests/integration/junk.test.ts.)
 */

const routesDir = path.resolve("app/routes");

/** The URL pattern of a flat route id, with `fill` in place of each dynamic segment. */
function pathOf(routeId: string, fill: string) {
  const segments = routeId.replace(/\[\.\]/g, "\u0001").split(".");
  const parts = segments
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, "").replace(/\u0001/g, "."))
    .map((s) => (s === "$" ? fill : s.replace(/^\$[\w]+/, fill)));
  return `/${parts.join("/")}`;
}

const routeIds = fs
  .readdirSync(routesDir, { withFileTypes: true })
  .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.tsx?$/, "")))
  .sort();

const junkSegments = ["%00", "__proto__", "constructor", "toString", "%0A", "a%0D%0Ab", "%E0%A4%A", "..%2F..%2Fetc%2Fpasswd"];
const junkQuery = new URLSearchParams({
  q: "\u0000",
  actor: "\u0000",
  kind: "__proto__",
  action: "constructor",
  editie: "\u0000",
  programma: "toString",
  van: "\u0000",
  tot: "2026-02-30",
  zaak: "__proto__",
  token: "\u0000",
  betaling: "\u0000",
  nis: "\u0000",
  sector: "__proto__",
  service: "\u0000",
  page: "\u0000",
  redirectTo: "\n//evil.example",
}).toString();

let cookies: Awaited<ReturnType<typeof demoSessionCookies>>;
beforeAll(async () => {
  cookies = await demoSessionCookies();
});

describe("odd addresses", () => {
  it("maps every route file to an address", () => {
    expect(pathOf("zomer.$municipality.$business._index", "x")).toBe("/zomer/x/x");
    expect(pathOf("beheer.export.$kind[.]csv", "x")).toBe("/beheer/export/x.csv");
    expect(pathOf("gemeente.zomer_.deelnemers[.]csv", "x")).toBe("/gemeente/zomer/deelnemers.csv");
    expect(pathOf("$", "x")).toBe("/x");
    expect(pathOf("_index", "x")).toBe("/");
    expect(routeIds.length).toBeGreaterThan(50);
  });

  it("never answer 5xx, for any route, role, path or query", async () => {
    const failures: string[] = [];
    // One account per role: the guards depend on the role, not on which demo business it is.
    for (const [role, cookie] of Object.entries(cookies).filter(([role]) => ["anonymous", "admin", "municipality", "retailer", "provider"].includes(role))) {
      for (const routeId of routeIds) {
        for (const segment of junkSegments) {
          const target = `${pathOf(routeId, segment)}?${junkQuery}`;
          const response = await fetch(`${baseUrl()}${target}`, { redirect: "manual", headers: { Cookie: cookie, "X-Forwarded-For": nextClientIp() } });
          await response.arrayBuffer();
          if (response.status >= 500) failures.push(`${role} GET ${target}: ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answer a control character in a path with a clear 400 in Dutch", async () => {
    const response = await fetch(`${baseUrl()}/zomer/%00`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("Dit adres bevat tekens die geen webadres kan bevatten.");
  });
});
