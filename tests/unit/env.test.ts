import { describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server";

const secret = "s".repeat(32);

describe("the environment", () => {
  it("creates demo data by default only outside production", () => {
    expect(parseEnv({}).SEED_DEMO).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECRET: secret }).SEED_DEMO).toBe(false);
    // Asked for explicitly, it is honoured (the server then logs a warning).
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECRET: secret, SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
  });

  it("listens on loopback in development and everywhere in production, unless HOST says otherwise", () => {
    expect(parseEnv({}).HOST).toBe("127.0.0.1");
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECRET: secret }).HOST).toBe("0.0.0.0");
    expect(parseEnv({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
  });

  it("refuses to start in production without a cookie secret of at least 32 characters", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/COOKIE_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", COOKIE_SECRET: "s".repeat(31) })).toThrow(/at least 32 characters/);
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECRET: secret }).COOKIE_SECRET).toBe(secret);
  });
});
