import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/*
 * The CLI runs as its own process, as an operator would start it. On PGlite it gets its own data
 * directory (the test file's database is held by this process); on PostgreSQL it shares the test's
 * database.
 */
const cliDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-cli-"));
afterAll(() => fs.rmSync(cliDataDir, { recursive: true, force: true }));

function cli(args: string[], dataDir = cliDataDir) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["app/cli.ts", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test", APP_URL: "https://koppel.example" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run cli", () => {
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
