import { like, or, eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "~db/client";
import { slugify } from "~db/reference";

/** `base`, or `base-2`, `base-3` … : the first slug not yet taken in that column. */
export async function uniqueSlug(executor: Executor, table: PgTable, column: PgColumn, text: string, ownSlug?: string) {
  const base = slugify(text).slice(0, 80) || "profiel";
  if (ownSlug && (ownSlug === base || ownSlug.startsWith(`${base}-`))) return ownSlug;
  const taken = new Set(
    (await executor.select({ slug: column }).from(table).where(or(eq(column, base), like(column, `${base}-%`)))).map(
      (r) => r.slug as string,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
