import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { apiTokens, sessions, userMunicipalities, users, type Role } from "~db/schema";
import { env } from "~/lib/env.server";
import { translator, type Locale } from "~/lib/i18n";
import { isForeignKeyViolation, isUniqueViolation } from "~/lib/pg-errors";
import { queueMail, queueMails } from "~/modules/notifications/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { lucia } from "./lucia.server";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./password.server";
import { clearHits, loginChecks, mailChecks, returnHit, takeHit } from "./rate-limit.server";
import { consumePasswordToken, createPasswordToken, endPasswordTokens, insertPasswordTokens, newToken } from "./tokens.server";


async function startSession(userId: string) {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export type MailRequestResult = { ok: true } | { ok: false; error: "tooManyRequests"; retryAfterSeconds: number };

/**
 * Runs `send` for a mail to `email` asked for by `clientIp`, within the limits: a client over its
 * limit is told to wait; an address over its limit silently gets nothing more (it already has
 * several links), so the answer never depends on whose address it is.
 */
async function withinMailLimits(email: string, clientIp: string | undefined, send: () => Promise<void>): Promise<MailRequestResult> {
  const { address, client } = mailChecks(email, clientIp);
  const byClient = await takeHit(client);
  if (!byClient.ok) return { ok: false, error: "tooManyRequests", retryAfterSeconds: byClient.retryAfterSeconds };
  if ((await takeHit([address])).ok) await send();
  return { ok: true };
}

/**
 * Self-service registration, answered the same whether or not the address has an account. A new
 * address gets an account without a password and a link to choose one, which proves the address is
 * theirs; nobody can claim someone else's address, nor learn that it is registered. An address that
 * already has an account is told so by mail, with a link to choose a new password.
 */
export async function requestRegistration(input: RegistrationInput, clientIp: string | undefined): Promise<MailRequestResult> {
  return withinMailLimits(input.email, clientIp, () =>
    registrationMail(input).catch((error) => {
      // Two registrations of one new address at once: the other one created it and mailed the link.
      if (!isUniqueViolation(error)) throw error;
    }),
  );
}

type RegistrationInput = { name: string; email: string; role: "retailer" | "provider"; locale: Locale };

function registrationMail(input: RegistrationInput) {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, name: users.name, locale: users.locale, role: users.role, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.email, input.email));
    if (existing?.deactivatedAt) return;
    if (existing && (existing.passwordHash || !isSelfService(existing.role))) {
      const t = translator(existing.locale);
      const link = passwordLink(await createPasswordToken(tx, existing.id, "reset"));
      await queueMail(tx, {
        to: input.email,
        subject: t("mail.alreadyRegisteredSubject"),
        text: t("mail.alreadyRegisteredBody", { name: existing.name, loginLink: `${env.APP_URL}/inloggen`, link }),
      });
      return;
    }
    // A registration not finished yet gets a fresh link; a new address gets its account now.
    const userId =
      existing?.id ??
      (await tx.insert(users).values({ name: input.name, email: input.email, role: input.role, locale: input.locale }).returning({ id: users.id }))[0].id;
    const t = translator(existing?.locale ?? input.locale);
    // No name in this mail: anyone may register any address, and a self-chosen name ("Winactie:
    // gratis iPhone via …") would put an attacker's words and link in a mail sent by Koppel.
    await queueMail(tx, {
      to: input.email,
      subject: t("mail.registerSubject"),
      text: t("mail.registerBody", { link: passwordLink(await createPasswordToken(tx, userId, "register")) }),
    });
  });
}

const isSelfService = (role: Role) => role === "retailer" || role === "provider";

export type LoginResult =
  | { ok: true; user: { id: string; role: Role }; cookie: string }
  | { ok: false; error: "invalidCredentials" }
  | { ok: false; error: "tooManyAttempts"; retryAfterSeconds: number };

/**
 * Checks the limit first, so a locked-out attacker learns nothing from further guesses. The
 * answer is the same for an unknown address, a wrong password and a deactivated account.
 */
export async function logIn(input: { email: string; password: string; clientIp?: string }): Promise<LoginResult> {
  const checks = loginChecks(input.email, input.clientIp);
  // Counted as a failure before the password is even looked at; given back if it was right.
  const attempt = await takeHit(checks);
  if (!attempt.ok) return { ok: false, error: "tooManyAttempts", retryAfterSeconds: attempt.retryAfterSeconds };

  const [user] = await db
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, input.email), isNull(users.deactivatedAt)));
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);
  if (!user || !valid) return { ok: false, error: "invalidCredentials" };
  // The owner got in: this attempt does not count, and their own mistypes on this client are
  // forgiven; the client's earlier failures stay counted.
  await returnHit(attempt.ids);
  await clearHits(checks.slice(0, 1));
  // A fresh session id at every login: a planted cookie never becomes an authenticated one.
  return { ok: true, user: { id: user.id, role: user.role }, cookie: await startSession(user.id) };
}

export async function logOut(sessionId: string) {
  await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** For actions a user must confirm with their password (changing it, erasing the account). */
export async function checkPassword(userId: string, password: string) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return Boolean(user?.passwordHash) && (await verifyPassword(user.passwordHash!, password));
}

export async function changePassword(userId: string, input: { currentPassword: string; password: string }) {
  if (!(await checkPassword(userId, input.currentPassword))) {
    return { ok: false as const, error: "wrongCurrentPassword" as const };
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    // A reset link mailed before the change must not undo it.
    await endPasswordTokens(tx, userId);
  });
  await lucia.invalidateUserSessions(userId);
  return { ok: true as const, cookie: await startSession(userId) };
}

function passwordLink(token: string) {
  return `${env.APP_URL}/wachtwoord-instellen?token=${encodeURIComponent(token)}`;
}

/** Answered the same whether or not the address has an account; only a client over its limit is told to wait. */
export async function requestPasswordReset(email: string, clientIp: string | undefined): Promise<MailRequestResult> {
  return withinMailLimits(email, clientIp, () =>
    db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, name: users.name, locale: users.locale })
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deactivatedAt)));
      if (!user) return;
      const token = await createPasswordToken(tx, user.id, "reset");
      const t = translator(user.locale);
      await queueMail(tx, {
        to: email,
        subject: t("mail.resetSubject"),
        text: t("mail.resetBody", { name: user.name, link: passwordLink(token) }),
      });
    }),
  );
}

/**
 * Sets a password through a reset, invitation or registration link, ends every other open link of
 * the account (an older link, perhaps in a mailbox someone else reads, must not set it again),
 * signs out every other session and logs in.
 */
export async function setPasswordWithToken(token: string, password: string) {
  const passwordHash = await hashPassword(password);
  const used = await db.transaction(async (tx) => {
    const link = await consumePasswordToken(tx, token);
    if (!link) return null;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, link.userId), isNull(users.deactivatedAt)))
      .returning({ id: users.id, role: users.role });
    if (!user) return null;
    await endPasswordTokens(tx, user.id);
    return { user, purpose: link.purpose };
  });
  if (!used) return { ok: false as const, error: "tokenInvalid" as const };
  await lucia.invalidateUserSessions(used.user.id);
  return { ok: true as const, role: used.user.role, purpose: used.purpose, cookie: await startSession(used.user.id) };
}

/**
 * Creates a municipality or admin account without a password and mails a link to set one.
 * Used by the admin's user page and by the CLI (which prints the link instead of relying on mail).
 */
export async function inviteUser(input: {
  name: string;
  email: string;
  role: "municipality" | "admin";
  municipalities: string[];
  locale?: Locale;
}, actorId: string | null = null) {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, role: input.role, locale: input.locale ?? "nl" })
        .returning({ id: users.id });
      if (input.role === "municipality") {
        await tx.insert(userMunicipalities).values(input.municipalities.map((nisCode) => ({ userId: user.id, nisCode })));
      }
      // Granting a staff role is a decision the office answers for (the CLI acts as "system").
      await recordAudit(tx, { actorId, action: "user.invite", entityType: "user", entityId: user.id, toState: input.role, data: { municipalities: input.municipalities } });
      const link = passwordLink(await createPasswordToken(tx, user.id, "invite"));
      const t = translator(input.locale ?? "nl");
      await queueMail(tx, {
        to: input.email,
        subject: t("mail.inviteSubject"),
        text: t("mail.inviteBody", { name: input.name, role: t(`roles.${input.role}`), link }),
      });
      return { ok: true as const, userId: user.id, link };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false as const, error: "emailTaken" as const };
    if (isForeignKeyViolation(error)) {
      return { ok: false as const, error: "invalidMunicipality" as const };
    }
    throw error;
  }
}

export async function setUserLocale(userId: string, locale: Locale) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** Who may choose one e-mail a day: those who get many (providers, the office); a shop's mail is about its own money. */
export const digestRoles: readonly Role[] = ["provider", "admin"];

export async function getMailDigest(userId: string) {
  const [row] = await db.select({ mailDigest: users.mailDigest }).from(users).where(eq(users.id, userId));
  return row?.mailDigest ?? false;
}

/** One e-mail a day, or one per event; counted from now, so the first digest holds only what follows. */
export async function setMailDigest(userId: string, role: Role, digest: boolean) {
  if (!digestRoles.includes(role)) return false;
  await db.update(users).set({ mailDigest: digest, digestSentAt: digest ? new Date() : null }).where(eq(users.id, userId));
  return true;
}

/**
 * Invitation links for accounts created in bulk (CSV import): one token and one queued e-mail per
 * invitee, written in the caller's transaction in a few statements rather than one per person.
 */
export async function inviteImportedUsers(executor: Executor, invitees: { id: string; email: string; name: string; role: Role; locale?: Locale }[]) {
  const prepared = invitees.map((invitee) => ({ invitee, token: newToken() }));
  for (let i = 0; i < prepared.length; i += 1000) {
    const chunk = prepared.slice(i, i + 1000);
    await insertPasswordTokens(
      executor,
      chunk.map(({ invitee, token }) => ({ userId: invitee.id, token, purpose: "invite" as const })),
    );
    await queueMails(
      executor,
      chunk.map(({ invitee, token }) => {
        const t = translator(invitee.locale ?? "nl");
        return {
          to: invitee.email,
          subject: t("mail.inviteSubject"),
          text: t("mail.inviteBody", { name: invitee.name, role: t(`roles.${invitee.role}`), link: passwordLink(token) }),
        };
      }),
    );
  }
}

/**
 * Deactivates an account: it can no longer log in, and its sessions and API tokens stop working
 * at once (deleted and revoked in the same transaction). Reactivation lets it log in again; old
 * sessions and tokens stay gone.
 */
export async function setUserActive(adminId: string, userId: string, active: boolean) {
  if (adminId === userId) return { ok: false as const, error: "admin.notYourself" };
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ deactivatedAt: active ? null : new Date() })
      .where(and(eq(users.id, userId), active ? isNotNull(users.deactivatedAt) : isNull(users.deactivatedAt)))
      .returning({ id: users.id });
    if (!user) return { ok: false as const, error: "admin.alreadyThat" };
    if (!active) {
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    }
    await recordAudit(tx, { actorId: adminId, action: active ? "user.reactivate" : "user.deactivate", entityType: "user", entityId: userId, toState: active ? "active" : "deactivated" });
    return { ok: true as const };
  });
}
