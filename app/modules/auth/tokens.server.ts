import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { apiTokens, passwordTokens, users, type PasswordTokenPurpose } from "~db/schema";

export const passwordTokenLifetimeMs: Record<PasswordTokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  invite: 7 * 24 * 60 * 60 * 1000,
  register: 24 * 60 * 60 * 1000,
};

/** Secrets are stored only as their SHA-256: a database leak yields no usable link or token. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

function newSecret(prefix = "") {
  return prefix + randomBytes(32).toString("base64url");
}

/** A fresh single-use secret for a password link. */
export const newToken = () => newSecret();

export async function insertPasswordTokens(executor: Executor, tokens: { userId: string; token: string; purpose: PasswordTokenPurpose }[]) {
  if (tokens.length === 0) return;
  await executor.insert(passwordTokens).values(
    tokens.map(({ userId, token, purpose }) => ({
      tokenHash: hashToken(token),
      userId,
      purpose,
      expiresAt: new Date(Date.now() + passwordTokenLifetimeMs[purpose]),
    })),
  );
}

export async function createPasswordToken(executor: Executor, userId: string, purpose: PasswordTokenPurpose) {
  const token = newToken();
  await insertPasswordTokens(executor, [{ userId, token, purpose }]);
  return token;
}

/** The purpose of a token that can still be used, or null; does not use it up. */
export async function getPasswordTokenPurpose(token: string) {
  const [row] = await db
    .select({ purpose: passwordTokens.purpose })
    .from(passwordTokens)
    .where(
      and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, new Date())),
    );
  return row?.purpose ?? null;
}

/** Uses a token up atomically: of two concurrent requests, one gets the user id, the other null. */
export async function consumePasswordToken(executor: Executor, token: string) {
  const [row] = await executor
    .update(passwordTokens)
    .set({ usedAt: new Date() })
    .where(
      and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, new Date())),
    )
    .returning({ userId: passwordTokens.userId, purpose: passwordTokens.purpose });
  return row ?? null;
}

/** Uses up every open password link of the account: once a password is set, older links are void. */
export async function endPasswordTokens(executor: Executor, userId: string) {
  await executor
    .update(passwordTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
}

export async function createApiToken(userId: string, options: { expiresInDays?: number; now?: Date } = {}) {
  const token = newSecret("kop_");
  const now = options.now ?? new Date();
  const expiresAt = options.expiresInDays ? new Date(now.getTime() + options.expiresInDays * 24 * 60 * 60 * 1000) : null;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt })
    .returning({ id: apiTokens.id });
  return { id: row.id, token, expiresAt };
}

/** A user's API tokens, newest first, without their secrets: what each is, when it was last used, whether it still works. */
export async function listApiTokens(userId: string, now = new Date()) {
  const rows = await db
    .select({ id: apiTokens.id, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((row) => ({ ...row, active: !row.revokedAt && (!row.expiresAt || row.expiresAt > now) }));
}

/** The active user behind a bearer token, recording its use; null for an unknown, revoked or expired token. */
export async function authenticateApiToken(token: string) {
  const now = new Date();
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .returning({ userId: apiTokens.userId });
  if (!row) return null;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.id, row.userId), isNull(users.deactivatedAt)));
  return user ?? null;
}

export async function revokeApiToken(userId: string, tokenId: string) {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}
