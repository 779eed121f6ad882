import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { dropDatabase, withDatabase } from "./integration-global-setup";

/*
 * Runs before each integration test file, before it imports the app: points the app's env at a
 * fresh database of its own (a copy of the migrated template) and a fresh DATA_DIR for mail files.
 */
const kind = process.env.KOPPEL_TEST_DATABASE;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-test-"));
process.env.DATA_DIR = dataDir;
process.env.APP_URL = "http://localhost:3000";
delete process.env.SMTP_URL;
delete process.env.DATABASE_URL;

let databaseName: string | undefined;
if (kind === "postgres") {
  const url = process.env.TEST_DATABASE_URL!;
  databaseName = `${inject("postgresTemplate")}_f_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  // Two files cloning the template at the same instant can meet "source database is being accessed
  // by other users" (55006) while the other clone holds it: wait a moment and try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`create database ${databaseName} template ${inject("postgresTemplate")}`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await admin.end();
  process.env.DATABASE_URL = withDatabase(url, databaseName);
} else {
  fs.cpSync(inject("pgliteTemplateDir"), dataDir, { recursive: true });
}

afterAll(async () => {
  const holder = globalThis as unknown as { koppelDatabase?: { close(): Promise<void> } };
  await holder.koppelDatabase?.close();
  delete holder.koppelDatabase;
  if (databaseName) {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await dropDatabase(admin, databaseName);
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});
