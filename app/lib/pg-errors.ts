/** The PostgreSQL error code, whether the driver error arrives bare or wrapped by drizzle. */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === "string" ? e.code : e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === "23505";
export const isForeignKeyViolation = (error: unknown) => pgErrorCode(error) === "23503";

/** Which unique constraint was violated (postgres.js and PGlite both report it). */
export function violatedConstraint(error: unknown): string | undefined {
  const e = error as { constraint_name?: unknown; constraint?: unknown; cause?: { constraint_name?: unknown; constraint?: unknown } };
  const name = e?.constraint_name ?? e?.constraint ?? e?.cause?.constraint_name ?? e?.cause?.constraint;
  return typeof name === "string" ? name : undefined;
}

/**
 * The database could not be reached or went away mid-request (as opposed to a query it refused):
 * PostgreSQL's connection exceptions and shutdowns, the socket's errors, postgres.js's own codes, a
 * closed PGlite. Such a request gets a 503 with Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown };
  if (!e || typeof e !== "object") return false;
  const code = typeof e.code === "string" ? e.code : "";
  if (/^08/.test(code) || ["57P01", "57P02", "57P03", "53300"].includes(code)) return true;
  if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"].includes(code)) return true;
  if (typeof e.message === "string" && /PGlite is closed/i.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}
