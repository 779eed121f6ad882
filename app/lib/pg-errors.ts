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
