import { afterAll, describe, expect, it } from "vitest";
import { createMeilisearchAdapter, setUpSearch, useSearchEngine } from "~/modules/matching/index.server";
import { pendingOutboxCount } from "~/modules/notifications/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { startFakeMeilisearch } from "../support/fakes/meilisearch";
import { drainEverything } from "../support/outbox";

/*
 * Meilisearch down when Koppel starts: the start-up goes on, and the index's settings (filterable
 * attributes, synonyms) are put in from the outbox as soon as the engine answers, so they are
 * never missing for long and never forgotten.
 */
const fake = await startFakeMeilisearch({ failTimes: { settingsUpdate: 1 } });
afterAll(async () => {
  useSearchEngine(undefined);
  await fake.close();
});

describe("the search engine's setup", () => {
  it("is retried from the outbox when it fails at start-up, until it succeeds", async () => {
    useSearchEngine(createMeilisearchAdapter({ host: fake.host, taskTimeoutMs: 2000 }));
    const before = await pendingOutboxCount();
    await expect(setUpSearch()).resolves.toBeUndefined();
    expect(await pendingOutboxCount()).toBe(before + 1);
    const settingsWrites = () => fake.requests.filter((r) => r.method === "PATCH" && r.path === "/indexes/providers/settings").length;
    expect(settingsWrites()).toBe(1);

    await drainEverything(allOutboxHandlers);
    expect(settingsWrites()).toBe(2);
    expect(await pendingOutboxCount()).toBe(before);
    const settings = fake.requests.filter((r) => r.method === "PATCH").at(-1)!.body as { filterableAttributes: string[] };
    expect(settings.filterableAttributes).toContain("servedNisCodes");
  });
});
