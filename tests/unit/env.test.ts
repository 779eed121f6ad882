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
    // The development value is in the source for anyone to read: it signs nothing in production.
    const development = parseEnv({}).COOKIE_SECRET;
    expect(development.length).toBeGreaterThanOrEqual(32);
    expect(() => parseEnv({ NODE_ENV: "production", COOKIE_SECRET: development })).toThrow(/published in Koppel's source/);
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECRET: secret }).COOKIE_SECRET).toBe(secret);
  });
});

describe("the proxies trusted", () => {
  it("trusts none by default, a number of hops, or a list of addresses; anything else is refused", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    // `true` used to trust every hop, so clients chose their own address (issue 20): now the one proxy.
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).TRUST_PROXY).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => parseEnv({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY/);
  });

  it("reads the extra host names", () => {
    expect(parseEnv({ ALLOWED_HOSTS: "koppel.be, www.koppel.be:8443" }).ALLOWED_HOSTS).toEqual(["koppel.be", "www.koppel.be:8443"]);
    expect(parseEnv({}).ALLOWED_HOSTS).toEqual([]);
  });
});
