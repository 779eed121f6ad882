/**
 * Koppel's command line: `npm run cli -- <command> [options]`.
 *   migrate                                   apply migrations and reference data
 *   seed                                      demo data (only into an empty database)
 *   create-admin --email E --name N           an admin account; prints the link to set its password
 *   create-token --email E [--days N]         an API token for that user (shown once), valid N days or until revoked
 *   search-reindex                            rebuild the search index from the database
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";

const usage = `Usage: npm run cli -- <migrate | seed | create-admin --email E --name N | create-token --email E [--days N] | search-reindex>`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { email: { type: "string" }, name: { type: "string" }, days: { type: "string" } }, strict: true });
  if (!command) fail(usage);

  // Imported after parsing, so a typo in the command does not open (and lock) the database.
  const [{ database }, { migrate }] = await Promise.all([import("~db/client"), import("~db/migrate")]);
  try {
    await migrate(database);
    switch (command) {
      case "migrate":
        console.log(`Migrated the ${database.kind} database.`);
        break;
      case "seed": {
        const { seedIfEmpty } = await import("~/modules/platform/index.server");
        console.log((await seedIfEmpty()) ? "Demo data created." : "The database already has users: nothing seeded.");
        break;
      }
      case "create-admin": {
        const { EmailSchema, NameSchema } = await import("~/modules/auth/schemas");
        const email = EmailSchema.safeParse(values.email);
        const name = NameSchema.safeParse(values.name);
        if (!email.success || !name.success) fail(`create-admin needs a valid --email and --name.\n${usage}`);
        const { inviteUser } = await import("~/modules/auth/index.server");
        const result = await inviteUser({ email: email.data, name: name.data, role: "admin", municipalities: [] });
        if (!result.ok) fail(`Could not create the admin: ${result.error === "emailTaken" ? "that e-mail address already has an account" : result.error}.`);
        console.log(`Admin ${email.data} created. Set the password within 7 days at:\n${result.link}`);
        break;
      }
      case "create-token": {
        const email = z.string().email().safeParse(values.email?.trim().toLowerCase());
        if (!email.success) fail(`create-token needs a valid --email.\n${usage}`);
        const { schema } = await import("~db/client");
        const [user] = await database.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email.data));
        if (!user) fail(`No user with e-mail ${email.data}.`);
        const { createApiToken } = await import("~/modules/auth/index.server");
        const days = values.days === undefined ? undefined : z.coerce.number().int().min(1).max(3650).safeParse(values.days);
        if (days && !days.success) fail(`--days takes a whole number of days from 1 to 3650.\n${usage}`);
        const { token, expiresAt } = await createApiToken(user.id, { expiresInDays: days?.data });
        const validity = expiresAt ? `valid until ${expiresAt.toISOString()}` : "valid until revoked on /account";
        console.log(`API token for ${email.data} (${validity}; shown once, store it safely):\n${token}`);
        break;
      }
      case "search-reindex": {
        const { reindexAll, searchEngine } = await import("~/modules/matching/index.server");
        const { indexed, removed } = await reindexAll();
        console.log(`Search index (${searchEngine().kind}) rebuilt: ${indexed} providers indexed, ${removed} stale entries removed.`);
        break;
      }
      default:
        fail(`Unknown command "${command}".\n${usage}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
