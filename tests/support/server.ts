import type { ChildProcess } from "node:child_process";
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
