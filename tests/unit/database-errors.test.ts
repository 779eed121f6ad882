import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "~/lib/pg-errors";

describe("isDatabaseUnavailable", () => {
  it("knows a database that is gone from a query it refused", () => {
    const gone = [
      { code: "08006" },
      { code: "57P01" },
      { code: "53300" },
      { code: "ECONNREFUSED" },
      { code: "CONNECTION_CLOSED" },
      new Error("PGlite is closed"),
      Object.assign(new Error("Failed query"), { cause: { code: "08001" } }),
    ];
    const refused = [{ code: "23505" }, { code: "23503" }, { code: "42P01" }, new Error("boom"), null, "08006", undefined];
    expect(gone.map(isDatabaseUnavailable)).toEqual(gone.map(() => true));
    expect(refused.map(isDatabaseUnavailable)).toEqual(refused.map(() => false));
  });

  it("does not loop on an error that is its own cause", () => {
    const error = new Error("x") as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
