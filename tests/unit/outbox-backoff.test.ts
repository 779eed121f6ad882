import { describe, expect, it } from "vitest";

// The pure file, not the door: importing the door would open a database.
import { retryDelaySeconds } from "~/modules/notifications/backoff";

describe("retryDelaySeconds", () => {
  it("doubles from 5 seconds and stops at an hour", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([5, 10, 20, 40]);
    expect(retryDelaySeconds(20)).toBe(3600);
  });
});
