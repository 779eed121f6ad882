import path from "node:path";
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .pipe(z.string().url().optional())
  .optional();
const optionalString = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

/** The development secret, printed here for all to read: never accepted in production. */
const developmentCookieSecret = "koppel-development-secret-not-for-production";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Unset: loopback only in development (its mail viewer and demo accounts stay on this machine), every interface in production. */
    HOST: optionalString,
    /** Public origin, used in links in e-mails. */
    APP_URL: optionalUrl,
    DATA_DIR: z.string().default("./data"),
    DATABASE_URL: optionalUrl,
    MEILI_HOST: optionalUrl,
    MEILI_API_KEY: optionalString,
    STRIPE_SECRET_KEY: optionalString,
    /** A certified Peppol access point's HTTP API (docs/decisions/005-peppol-access-point.md); without it invoices go by mail. */
    PEPPOL_ACCESS_POINT_URL: optionalUrl,
    PEPPOL_ACCESS_POINT_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    /** Tests only: where the Stripe client sends its requests (a fake at the HTTP edge). */
    STRIPE_API_BASE: optionalUrl,
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().default("Koppel <noreply@koppel.localhost>"),
    /** How long a mail about an engagement waits for others about it to the same person, to go out as one. */
    MAIL_BATCH_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    COOKIE_SECRET: optionalString,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * Which proxies to believe about the client's address (X-Forwarded-For), the scheme and host:
     * `false` (none, the default), a number of proxy hops in front of Koppel (`1` behind one haproxy;
     * `true` means the same), or a comma-separated list of the proxies' addresses or subnets. Express
     * takes the address the last trusted proxy saw; whatever a client wrote further left is ignored.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default("false")
      .transform((v, ctx): false | number | string[] => {
        if (v === "" || v === "false" || v === "0") return false;
        if (v === "true") return 1;
        if (/^\d+$/.test(v)) return Number(v);
        const list = v.split(",").map((a) => a.trim()).filter(Boolean);
        if (list.every((a) => /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i.test(a))) return list;
        ctx.addIssue({ code: "custom", message: "TRUST_PROXY: false, a number of proxy hops, or a comma-separated list of proxy addresses" });
        return z.NEVER;
      }),
    /** Host names besides APP_URL's that Koppel answers to (comma-separated `host[:port]`); any other Host gets a 400. */
    ALLOWED_HOSTS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((h) => h.trim()).filter(Boolean)),
    /**
     * How often each process reloads the office's settings and one of them runs the timers
     * (deadlines, reminders, auto-approval): a saved setting reaches every process within this time.
     */
    SCHEDULER_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** On SIGTERM, how long requests already being answered may take before the process exits anyway. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(25),
    /** How long anonymous visitors' public pages are reused (0 turns the micro-cache off). */
    PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    /**
     * Create demo data when the database has no users yet. Unset: yes in development, never in
     * production, where the demo accounts' published password would open the office's pages.
     */
    SEED_DEMO: z
      .enum(["true", "false", "1", "0"])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV === "production" && (e.COOKIE_SECRET ?? "").length < 32) {
      ctx.addIssue({ code: "custom", path: ["COOKIE_SECRET"], message: "COOKIE_SECRET of at least 32 characters is required in production" });
    }
    // A secret printed in the source (or the docs) signs nothing: anyone can read it.
    if (e.NODE_ENV === "production" && e.COOKIE_SECRET?.includes(developmentCookieSecret)) {
      ctx.addIssue({ code: "custom", path: ["COOKIE_SECRET"], message: "COOKIE_SECRET is a value published in Koppel's source; generate your own (openssl rand -base64 48)" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>) {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const e = result.data;
  const isProduction = e.NODE_ENV === "production";
  return {
    ...e,
    HOST: e.HOST ?? (isProduction ? "0.0.0.0" : "127.0.0.1"),
    SEED_DEMO: e.SEED_DEMO ?? !isProduction,
    DATA_DIR: path.resolve(e.DATA_DIR),
    APP_URL: e.APP_URL ?? `http://localhost:${e.PORT}`,
    COOKIE_SECRET: e.COOKIE_SECRET ?? developmentCookieSecret,
    isProduction,
  };
}

/** Parsed once; nothing else in app/ reads process.env. */
export const env = parseEnv(process.env);
