import { beforeAll, describe, expect, it } from "vitest";
import { formMaxBytes } from "~/lib/forms.server";
import * as match from "~/routes/api.v1.match";
import * as importRoute from "~/routes/api.v1.import.$kind";
import * as language from "~/routes/taal";
import * as webhook from "~/routes/webhooks.stripe";
import { args, origin, respond } from "../support/http";
import { account } from "../support/marketplace";
import { createApiToken } from "~/modules/auth/index.server";

/*
 * Every body has a ceiling, also one sent chunked (no Content-Length to check up front): past it
 * the answer is 413 and the rest is never read. The body here is made as it is pulled, so the test
 * sees how much the route read.
 */

const MB = 1024 * 1024;

/** A chunked body of `totalBytes` that counts what was pulled from it. */
function endlessBody(totalBytes: number, byte = "a".charCodeAt(0)) {
  const chunk = new Uint8Array(64 * 1024).fill(byte);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= totalBytes) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

function chunkedPost(path: string, contentType: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request(`${origin}${path}`, { method: "POST", headers: { Origin: origin, "Content-Type": contentType, ...headers }, body, duplex: "half" } as RequestInit);
}

let adminToken = "";
let retailerToken = "";
beforeAll(async () => {
  adminToken = (await createApiToken((await account("admin")).id)).token;
  retailerToken = (await createApiToken((await account("retailer")).id)).token;
});

describe("request bodies", () => {
  it("a 50 MB form to /taal is refused with 413 after about 1 MB", async () => {
    const { stream, counter } = endlessBody(50 * MB);
    const response = await respond(() => language.action(args(chunkedPost("/taal", "application/x-www-form-urlencoded", stream))));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "Dit formulier is te groot (meer dan 1 MB)." });
    expect(counter.pulled).toBeLessThan(formMaxBytes + MB);
  });

  it("a chunked body to /webhooks/stripe is counted too", async () => {
    const { stream, counter } = endlessBody(50 * MB);
    const response = await respond(() => webhook.action(args(chunkedPost("/webhooks/stripe", "application/json", stream, { "Stripe-Signature": "t=1,v1=x" }))));
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThan(2 * MB);
  });

  it("the match API stops at 1 MB and the import at its documented 20 MB", async () => {
    const big = endlessBody(50 * MB);
    const matched = await respond(() => match.action(args(chunkedPost("/api/v1/match", "application/json", big.stream, { Authorization: `Bearer ${retailerToken}` }))));
    expect(matched.status).toBe(413);
    expect(big.counter.pulled).toBeLessThan(2 * MB);

    const csv = endlessBody(50 * MB);
    const imported = await respond(() =>
      importRoute.action(args(chunkedPost("/api/v1/import/providers", "text/csv", csv.stream, { Authorization: `Bearer ${adminToken}` }), { kind: "providers" })),
    );
    expect(imported.status).toBe(413);
    expect(csv.counter.pulled).toBeLessThan(21 * MB);
  });

  it("a form under the ceiling still reads whole", async () => {
    const body = new TextEncoder().encode(`locale=en&redirectTo=/over&padding=${"x".repeat(formMaxBytes - 100)}`);
    const response = await respond(() =>
      language.action(args(new Request(`${origin}/taal`, { method: "POST", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, body }))),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/over");
  });
});
