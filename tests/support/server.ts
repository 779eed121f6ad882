import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import postgres from "postgres";

/** Helpers for tests and benchmarks that start a server of their own. */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** Polls `url` until it answers 2xx; stops early, with the server's output, if the process exits. */
export async function waitUntilUp(url: string, options: { server?: ChildProcess; log?: () => string; timeoutMs?: number } = {}) {
  const { server, log = () => "", timeoutMs = 60_000 } = options;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`${url}: the server exited with ${server.exitCode}:\n${log()}`);
    if (await fetch(url).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s:\n${log()}`);
}

/** Drops the database named in `url` if it exists and creates it empty (the role needs CREATEDB). */
export async function recreateDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(url, { database: "postgres", max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}"`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

/**
 * A database going away, as the app sees it: new connections refused (connection limit 0) and the
 * open ones cut. Only client connections are cut: an autovacuum worker on the same database belongs
 * to the superuser and may not be signalled (one run in ten failed on it). The role needs to own the
 * database.
 */
export function databaseOutage(admin: postgres.Sql, name: string) {
  return {
    async cut() {
      await admin.unsafe(`alter database ${name} connection limit 0`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and backend_type = 'client backend' and pid <> pg_backend_pid()`;
    },
    async restore() {
      await admin.unsafe(`alter database ${name} connection limit -1`);
    },
  };
}

export interface RunningServer {
  origin: string;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts the production build (`build/server.js`) on a loopback port (a free one unless given) with `env` over the test's own. */
export async function startServer(env: Record<string, string>, options: { timeoutMs?: number; port?: number } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const origin = `http://localhost:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["build/server.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", APP_URL: origin, SMTP_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitUntilUp(`${origin}/healthz`, { server: child, log: () => output, timeoutMs: options.timeoutMs });
  return {
    origin,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
