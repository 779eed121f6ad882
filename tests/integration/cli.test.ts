import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The CLI runs as its own process, as an operator would start it. On PGlite it gets its own data
 * directory (the test file's database is held by this process); on PostgreSQL it shares the test's
 * database. It is bundled once for this file, as `npm run build` bundles the server: through `tsx`
 * each run compiled the app again, and on a busy machine the file took 33–46 s against a 30 s limit.
 */
const cliDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-cli-"));
// Inside the repository, so the bundle's imports resolve from its node_modules.
const bundleDir = fs.mkdtempSync(path.resolve("node_modules/.cache-koppel-cli-"));
const bundle = path.join(bundleDir, "cli.mjs");
beforeAll(async () => {
  await build({ entryPoints: ["app/cli.ts"], bundle: true, platform: "node", format: "esm", packages: "external", outfile: bundle, logLevel: "warning" });
});
afterAll(() => {
  fs.rmSync(cliDataDir, { recursive: true, force: true });
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

function cli(args: string[], dataDir = cliDataDir) {
  const result = spawnSync(process.execPath, [bundle, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test", APP_URL: "https://koppel.example" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run cli", { timeout: 3 * 60_000 }, () => {
  it("creates an admin and prints the link to set the password", () => {
    const result = cli(["create-admin", "--email", "Hoofd@Programma.be", "--name", "Hoofd Programmabureau"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Admin hoofd@programma\.be created\./);
    expect(result.stdout).toMatch(/https:\/\/koppel\.example\/wachtwoord-instellen\?token=[\w-]{40,}/);

    const again = cli(["create-admin", "--email", "hoofd@programma.be", "--name", "Nog Eens"]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("that e-mail address already has an account");
  });

  it("prints an API token for an existing user and refuses an unknown one", () => {
    const result = cli(["create-token", "--email", "hoofd@programma.be"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^kop_[\w-]{43}$/m);
    const limited = cli(["create-token", "--email", "hoofd@programma.be", "--days", "30"]);
    expect(limited.status).toBe(0);
    expect(limited.stdout).toMatch(/valid until \d{4}-\d{2}-\d{2}T/);
    expect(cli(["create-token", "--email", "hoofd@programma.be", "--days", "nul"]).stderr).toContain("--days takes a whole number");
    const unknown = cli(["create-token", "--email", "niemand@programma.be"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("No user with e-mail niemand@programma.be.");
  });

  it("explains bad arguments", () => {
    expect(cli(["create-admin", "--email", "geen-adres", "--name", "X"])).toMatchObject({ status: 1 });
    expect(cli(["bestaat-niet"]).stderr).toContain('Unknown command "bestaat-niet"');
    expect(cli([]).stderr).toContain("Usage:");
  });
});
