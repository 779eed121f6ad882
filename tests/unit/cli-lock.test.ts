import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("a CLI command on an embedded database another process holds", () => {
  it("stops with a message naming that process, and touches nothing", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-cli-lock-"));
    dirs.push(dataDir);
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      fs.mkdirSync(path.join(dataDir, "pglite"));
      fs.writeFileSync(path.join(dataDir, "pglite", "koppel.lock"), String(holder.pid));
      const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["app/cli.ts", "migrate"], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`is in use by process ${holder.pid}`);
      expect(fs.readdirSync(path.join(dataDir, "pglite"))).toEqual(["koppel.lock"]);
    } finally {
      holder.kill();
    }
  });
});
