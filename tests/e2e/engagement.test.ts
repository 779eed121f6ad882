import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInThroughForm } from "../support/browser";
import { engagementJourney, journeyBrowsers, type JourneyBrowsers } from "../support/engagement-journey";

let browsers: JourneyBrowsers;
beforeAll(async () => {
  browsers = await journeyBrowsers();
});
afterAll(async () => {
  await browsers.close();
});

describe("an engagement from request to completion", () => {
  it("runs end to end between every role, from help request to the campaign's \"nieuw online\" badge", async () => {
    const { workspace } = await engagementJourney(browsers);

    // Nobody else gets in: a stranger's session gets a 404.
    const stranger = await browsers.contexts[4].newPage();
    await logInThroughForm(stranger, "boekhandel.de.zandloper@demo.koppel.test");
    await stranger.waitForURL("**/ondernemer");
    const response = await stranger.goto(workspace);
    expect(response?.status()).toBe(404);
  });
});
