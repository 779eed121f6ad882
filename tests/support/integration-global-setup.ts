import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/connection";
import { migrate } from "../../db/migrate";

declare module "vitest" {
  interface ProvidedContext {
    pgliteTemplateDir: string;
    postgresTemplate: string;
  }
}

/** The server URL with another database name. */
export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Drops a test database once our own connections are gone. Not WITH (FORCE): that would also try
 * to signal an autovacuum worker, which a non-superuser may not. A plain DROP makes autovacuum step
 * aside; anything else still connected gets a few moments.
 */
export async function dropDatabase(admin: postgres.Sql, name: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt === 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Migrates once per run, then every test file starts from a copy: PGlite's cold start with
 * migrations takes seconds, a copy a fraction of that; PostgreSQL clones a template database.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.KOPPEL_TEST_DATABASE;
  if (kind === "postgres") {
    const url = process.env.TEST_DATABASE_URL!;
    const template = `koppel_template_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    const handle = openDatabase({ url: withDatabase(url, template), dataDir: "" });
    await migrate(handle);
    await handle.close();
    project.provide("postgresTemplate", template);
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${template}_f_%`}`;
      for (const { datname } of leftovers) await dropDatabase(admin, datname);
      await dropDatabase(admin, template);
      await admin.end();
    };
  }
  const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-template-"));
  const handle = openDatabase({ dataDir: templateDir });
  await migrate(handle);
  await handle.close();
  project.provide("pgliteTemplateDir", templateDir);
  return () => fs.rmSync(templateDir, { recursive: true, force: true });
}
