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
    STRIPE_WEBHOOK_SECRET: optionalString,
    /** Tests only: where the Stripe client sends its requests (a fake at the HTTP edge). */
    STRIPE_API_BASE: optionalUrl,
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().default("Koppel <noreply@koppel.localhost>"),
    COOKIE_SECRET: optionalString,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Trust X-Forwarded-For for the client address (only behind a proxy you run). */
    TRUST_PROXY: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((v) => v === "true" || v === "1"),
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
    COOKIE_SECRET: e.COOKIE_SECRET ?? "koppel-development-secret-not-for-production",
    isProduction,
  };
}

/** Parsed once; nothing else in app/ reads process.env. */
export const env = parseEnv(process.env);
