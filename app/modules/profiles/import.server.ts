import { getTableColumns, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { db, type Executor } from "~db/client";
import { slugify } from "~db/reference";
import { businesses, municipalities, naceCodes, postalCodes, providers, users } from "~db/schema";
import { translator } from "~/lib/i18n";
import { inviteImportedUsers } from "~/modules/auth/index.server";
import { queueProviderIndexing } from "~/modules/matching/index.server";
import { recordAuditMany } from "~/modules/reporting/index.server";
import { readCsv } from "~/lib/csv";
import { BusinessRowSchema, businessColumns, ProviderRowSchema, providerColumns, type BusinessRow, type ProviderRow } from "./import-rows";

export interface ImportError {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  message: string;
}
export type ImportResult = { ok: true; imported: number; created: number; updated: number } | { ok: false; errors: ImportError[] };

const nl = translator("nl");
const chunkSize = 500;
/** Enough errors to fix a file; a file with thousands of bad rows needs a different fix. */
const maxErrors = 200;

function chunks<T>(items: T[], size = chunkSize) {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows checked against the schema; every problem named by row, column and a Dutch sentence. */
function validateRows<S extends z.ZodTypeAny>(text: string, expected: readonly string[], schema: S) {
  const errors: ImportError[] = [];
  const parsed = readCsv(text);
  if ("error" in parsed) {
    const line = parsed.error.startsWith("line:") ? Number(parsed.error.slice(5)) : 1;
    return { errors: [{ row: line, column: "", message: nl(parsed.error === "empty" ? "errors.csvEmpty" : "errors.csvUnreadable") }], rows: [] };
  }
  for (const column of expected) if (!parsed.columns.includes(column)) errors.push({ row: 1, column, message: nl("errors.missingColumn") });
  for (const column of parsed.columns) if (!expected.includes(column)) errors.push({ row: 1, column, message: nl("errors.unknownColumn") });
  if (errors.length) return { errors, rows: [] };
  if (parsed.rows.length === 0) return { errors: [{ row: 2, column: "", message: nl("errors.csvEmpty") }], rows: [] };

  const rows: { row: number; value: z.infer<S> }[] = [];
  parsed.rows.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) rows.push({ row: index + 2, value: result.data });
    else for (const issue of result.error.issues) errors.push({ row: index + 2, column: String(issue.path[0] ?? ""), message: nl(issue.message, { max: "" }) });
  });
  return { errors, rows };
}

function duplicatesInFile<T>(rows: { row: number; value: T }[], key: (v: T) => string, column: string, errors: ImportError[]) {
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    const k = key(value);
    if (seen.has(k)) errors.push({ row, column, message: nl("errors.duplicateInFile", { row: seen.get(k)! }) });
    else seen.set(k, row);
  }
}

async function selectIn<T>(values: string[], query: (chunk: string[]) => Promise<T[]>) {
  const out: T[] = [];
  for (const chunk of chunks([...new Set(values)], 1000)) out.push(...(await query(chunk)));
  return out;
}

/** Slugs not yet taken, decided in memory so ten thousand rows need no query each. */
async function slugMaker(executor: Executor, table: PgTable, column: "slug") {
  const columns = getTableColumns(table) as Record<string, unknown>;
  const taken = new Set((await executor.select({ slug: columns[column] as never }).from(table)).map((r) => r.slug as string));
  return (text: string) => {
    const base = slugify(text).slice(0, 80) || "profiel";
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  };
}

/** Accounts without a password for new e-mail addresses, each invited to set one. */
async function createInvitedAccounts(tx: Executor, role: "provider" | "retailer", people: { email: string; name: string }[]) {
  const created: { id: string; email: string; name: string; role: typeof role }[] = [];
  for (const chunk of chunks(people)) {
    const rows = await tx
      .insert(users)
      .values(chunk.map((p) => ({ ...p, role })))
      .returning({ id: users.id, email: users.email, name: users.name });
    created.push(...rows.map((r) => ({ ...r, role })));
  }
  await inviteImportedUsers(tx, created);
  return created;
}

/** The accounts that already hold the file's addresses, by address. */
async function accountsByEmail(emails: string[]) {
  const found = await selectIn(emails, (chunk) => db.select({ id: users.id, email: users.email, role: users.role }).from(users).where(inArray(users.email, chunk)));
  return new Map(found.map((u) => [u.email, u]));
}

/**
 * Inserts the rows in chunks; a row whose enterprise number is already there updates that record
 * instead: `fromFile` columns take the file's values, `set` says what else changes (and how).
 */
async function upsertByEnterpriseNumber(tx: Executor, table: typeof providers | typeof businesses, values: Record<string, unknown>[], fromFile: string[], set: Record<string, unknown>) {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const update = { ...Object.fromEntries(fromFile.map((key) => [key, sql.raw(`excluded.${columns[key].name}`)])), ...set };
  for (const chunk of chunks(values)) {
    await tx
      .insert(table)
      .values(chunk as never)
      .onConflictDoUpdate({ target: table.enterpriseNumber, set: update as never });
  }
}

const finish = (errors: ImportError[]): ImportResult => ({ ok: false, errors: errors.sort((a, b) => a.row - b.row).slice(0, maxErrors) });

/**
 * All or nothing: any invalid row and nothing is imported. Idempotent by enterprise number (a
 * second import updates). New accounts get an invitation to set their password.
 */
export async function importProviders(text: string, adminId: string | null): Promise<ImportResult> {
  const { errors, rows } = validateRows(text, providerColumns, ProviderRowSchema);
  if (errors.length) return finish(errors);
  duplicatesInFile(rows, (v: ProviderRow) => v.enterprise_number, "enterprise_number", errors);
  duplicatesInFile(rows, (v: ProviderRow) => v.email, "email", errors);

  const knownMunicipalities = new Set((await db.select({ nis: municipalities.nisCode }).from(municipalities)).map((m) => m.nis));
  const existing = new Map(
    (
      await selectIn(
        rows.map((r) => r.value.enterprise_number),
        (chunk) => db.select({ enterpriseNumber: providers.enterpriseNumber, userId: providers.userId, status: providers.status, id: providers.id, slug: providers.slug }).from(providers).where(inArray(providers.enterpriseNumber, chunk)),
      )
    ).map((p) => [p.enterpriseNumber, p]),
  );
  const accounts = await accountsByEmail(rows.map((r) => r.value.email));
  const providerUserIds = new Set(
    (await selectIn([...accounts.values()].map((u) => u.id), (chunk) => db.select({ userId: providers.userId }).from(providers).where(inArray(providers.userId, chunk)))).map((p) => p.userId),
  );
  for (const { row, value } of rows) {
    if (!knownMunicipalities.has(value.base_nis_code)) errors.push({ row, column: "base_nis_code", message: nl("errors.invalidMunicipality") });
    if (value.municipalities.some((m) => !knownMunicipalities.has(m))) errors.push({ row, column: "municipalities", message: nl("errors.invalidMunicipality") });
    const account = accounts.get(value.email);
    const current = existing.get(value.enterprise_number);
    // A new profile may attach to a provider account that has none yet; any other account is someone else's.
    if (!current && account && (account.role !== "provider" || providerUserIds.has(account.id))) {
      errors.push({ row, column: "email", message: nl("errors.emailInUse") });
    }
  }
  if (errors.length) return finish(errors);

  return db.transaction(async (tx) => {
    const nextSlug = await slugMaker(tx, providers, "slug");
    const newRows = rows.filter((r) => !existing.has(r.value.enterprise_number));
    const needAccounts = newRows.filter((r) => !accounts.has(r.value.email));
    for (const u of await createInvitedAccounts(tx, "provider", needAccounts.map(({ value }) => ({ email: value.email, name: value.company_name })))) {
      accounts.set(u.email, u);
    }

    const now = new Date();
    await upsertByEnterpriseNumber(
      tx,
      providers,
      rows.map(({ value }) => {
        const current = existing.get(value.enterprise_number);
        return {
          userId: current?.userId ?? accounts.get(value.email)!.id,
          slug: current?.slug ?? nextSlug(value.company_name),
          enterpriseNumber: value.enterprise_number,
          companyName: value.company_name,
          kind: value.kind,
          foundedOn: value.founded_on,
          services: value.services,
          sectors: value.sectors,
          baseNisCode: value.base_nis_code,
          radiusKm: value.radius_km,
          serviceNisCodes: value.municipalities,
          languages: value.languages,
          hourlyRateCents: value.hourly_rate_eur,
          capacity: value.capacity,
          bio: value.bio,
          status: value.status,
          statusChangedAt: now,
        };
      }),
      ["companyName", "kind", "foundedOn", "services", "sectors", "baseNisCode", "radiusKm", "serviceNisCodes", "languages", "hourlyRateCents", "capacity", "bio", "status"],
      {
        statusChangedAt: sql`case when ${providers.status} = excluded.status then ${providers.statusChangedAt} else excluded.status_changed_at end`,
        updatedAt: now,
      },
    );

    const ids = new Map(
      (await selectIn(rows.map((r) => r.value.enterprise_number), (chunk) => tx.select({ id: providers.id, kbo: providers.enterpriseNumber }).from(providers).where(inArray(providers.enterpriseNumber, chunk)))).map(
        (p) => [p.kbo, p.id],
      ),
    );
    await queueProviderIndexing(tx, [...ids.values()]);
    // The import is a vetting decision wherever it sets or changes a status: audit each one.
    const changed = rows.filter(({ value }) => existing.get(value.enterprise_number)?.status !== value.status);
    await recordAuditMany(
      tx,
      changed.map(({ value }) => ({
        actorId: adminId,
        action: "provider.import",
        entityType: "provider",
        entityId: ids.get(value.enterprise_number)!,
        fromState: existing.get(value.enterprise_number)?.status ?? null,
        toState: value.status,
      })),
    );
    return { ok: true as const, imported: rows.length, created: newRows.length, updated: rows.length - newRows.length };
  });
}

export async function importBusinesses(text: string, adminId: string | null): Promise<ImportResult> {
  const { errors, rows } = validateRows(text, businessColumns, BusinessRowSchema);
  if (errors.length) return finish(errors);
  duplicatesInFile(rows, (v: BusinessRow) => v.enterprise_number, "enterprise_number", errors);

  const places = new Map<string, { latitude: number; longitude: number }>();
  for (const p of await db.select().from(postalCodes).orderBy(sql`${postalCodes.isMunicipalityName} desc`)) {
    const key = `${p.postalCode}:${p.nisCode}`;
    if (!places.has(key)) places.set(key, { latitude: p.latitude, longitude: p.longitude });
  }
  const naceSector = new Map((await db.select({ code: naceCodes.code, sector: naceCodes.sector }).from(naceCodes)).map((n) => [n.code, n.sector]));
  const municipalityNames = new Map((await db.select({ nis: municipalities.nisCode, name: municipalities.nameNl }).from(municipalities)).map((m) => [m.nis, m.name]));
  const existing = new Map(
    (
      await selectIn(rows.map((r) => r.value.enterprise_number), (chunk) =>
        db.select({ kbo: businesses.enterpriseNumber, slug: businesses.slug }).from(businesses).where(inArray(businesses.enterpriseNumber, chunk)),
      )
    ).map((b) => [b.kbo, b.slug]),
  );
  const accounts = await accountsByEmail(rows.map((r) => r.value.email));
  for (const { row, value } of rows) {
    if (!municipalityNames.has(value.nis_code)) errors.push({ row, column: "nis_code", message: nl("errors.invalidMunicipality") });
    else if (!places.has(`${value.postal_code}:${value.nis_code}`)) errors.push({ row, column: "postal_code", message: nl("errors.postalCodeMunicipality") });
    if (value.nace_code && naceSector.get(value.nace_code) !== value.sector) errors.push({ row, column: "nace_code", message: nl("errors.naceSector") });
    const account = accounts.get(value.email);
    if (account && account.role !== "retailer") errors.push({ row, column: "email", message: nl("errors.emailInUse") });
  }
  if (errors.length) return finish(errors);

  return db.transaction(async (tx) => {
    const nextSlug = await slugMaker(tx, businesses, "slug");
    const newOwners = [...new Map(rows.filter((r) => !accounts.has(r.value.email)).map((r) => [r.value.email, r.value])).values()];
    for (const u of await createInvitedAccounts(tx, "retailer", newOwners.map((v) => ({ email: v.email, name: v.name })))) {
      accounts.set(u.email, u);
    }
    await upsertByEnterpriseNumber(
      tx,
      businesses,
      rows.map(({ value }) => {
        const place = places.get(`${value.postal_code}:${value.nis_code}`)!;
        return {
          ownerId: accounts.get(value.email)!.id,
          slug: existing.get(value.enterprise_number) ?? nextSlug(`${value.name} ${municipalityNames.get(value.nis_code)}`),
          enterpriseNumber: value.enterprise_number,
          name: value.name,
          sector: value.sector,
          naceCode: value.nace_code,
          nisCode: value.nis_code,
          postalCode: value.postal_code,
          street: value.street,
          latitude: place.latitude,
          longitude: place.longitude,
          languages: value.languages,
          digitalPresence: value.website ? { website: { active: true, url: value.website } } : {},
          description: value.description,
        };
      }),
      ["name", "sector", "naceCode", "nisCode", "postalCode", "street", "latitude", "longitude", "languages", "description"],
      // A website from the file joins the links the retailer keeps; it never wipes them.
      { digitalPresence: sql`${businesses.digitalPresence} || excluded.digital_presence`, updatedAt: new Date() },
    );
    const created = rows.filter((r) => !existing.has(r.value.enterprise_number)).length;
    await recordAuditMany(tx, [
      { actorId: adminId, action: "business.import", entityType: "import", entityId: "businesses", data: { rows: rows.length, created } },
    ]);
    return { ok: true as const, imported: rows.length, created, updated: rows.length - created };
  });
}
