import fs from "node:fs";
import path from "node:path";
import { and, count, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client";
import { outbox, passwordTokens, rateLimitHits, sessions, users } from "~db/schema";
import {
  changePassword,
  inviteUser,
  logIn,
  rateRules,
  requestPasswordReset,
  requestRegistration,
  setPasswordWithToken,
} from "~/modules/auth/index.server";
import { listSentMail, outboxHandlers } from "~/modules/notifications/index.server";
import { drainEverything } from "../support/outbox";
import { linkTokenMailedTo, registerUser } from "../support/accounts";
import { newAccount } from "../support/factories";

async function userCount() {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n;
}

function tokenFromMail(text: string) {
  const match = /wachtwoord-instellen\?token=([\w-]+)/.exec(text);
  if (!match) throw new Error(`no link in mail:\n${text}`);
  return decodeURIComponent(match[1]);
}

/** The mails queued for an address, oldest first (subjects only). */
async function queuedSubjects(email: string) {
  const rows = await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.topic, "mail.send")).orderBy(outbox.id);
  return rows.filter((r) => r.payload.to === email).map((r) => String(r.payload.subject));
}

let clients = 0;
/** A client address of its own, so one test's mail limit does not hold up another's. */
const newClient = () => `198.51.100.${++clients}`;

describe("registration", () => {
  it("mails nothing of the name a stranger chose: anyone may register any address", async () => {
    const account = { ...newAccount(), name: "Winactie gratis iPhone via evil.example" };
    expect(await requestRegistration({ ...account, locale: "nl" }, newClient())).toEqual({ ok: true });
    const [mail] = (await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.topic, "mail.send"))).filter((r) => r.payload.to === account.email);
    expect(String(mail.payload.text)).toMatch(/^Hallo,\n\nWelkom bij Koppel\./);
    expect(String(mail.payload.text)).not.toMatch(/iPhone|evil\.example/);
  });

  it("creates the account without a password and mails a link; the password chosen there is stored as argon2id", async () => {
    const account = newAccount();
    expect(await requestRegistration({ ...account, locale: "nl" }, newClient())).toEqual({ ok: true });
    const [pending] = await db.select().from(users).where(eq(users.email, account.email));
    expect(pending).toMatchObject({ name: account.name, role: "retailer", passwordHash: null });
    expect(await queuedSubjects(account.email)).toEqual(["Kies je wachtwoord voor Koppel"]);
    expect((await logIn({ email: account.email, password: account.password })).ok).toBe(false);

    const set = await setPasswordWithToken(await linkTokenMailedTo(account.email), account.password);
    expect(set).toMatchObject({ ok: true, role: "retailer", purpose: "register" });
    if (!set.ok) throw new Error("unreachable");
    expect(set.cookie).toMatch(/^koppel_session=\w+;.*HttpOnly/i);
    expect(set.cookie).toMatch(/SameSite=Lax/i);
    const [user] = await db.select().from(users).where(eq(users.email, account.email));
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(account.password);
  });

  it("answers the same for a taken address, changes nothing about the account, and tells its owner by mail", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    const before = await userCount();
    const [owner] = await db.select().from(users).where(eq(users.email, account.email));
    const again = await requestRegistration({ ...account, name: "Iemand anders", role: "provider", locale: "nl" }, newClient());
    expect(again).toEqual({ ok: true });
    expect(await userCount()).toBe(before);
    expect((await db.select().from(users).where(eq(users.email, account.email)))[0]).toEqual(owner);
    expect(await queuedSubjects(account.email)).toEqual(["Kies je wachtwoord voor Koppel", "Je hebt al een account op Koppel"]);
    // The mail carries a reset link that works.
    expect((await setPasswordWithToken(await linkTokenMailedTo(account.email), "Een-Nieuw-Lang-Wachtwoord")).ok).toBe(true);
  });

  it("sends a fresh link to a registration not yet finished, and the older link stops working once one is used", async () => {
    const account = newAccount();
    await requestRegistration({ ...account, locale: "nl" }, newClient());
    const first = await linkTokenMailedTo(account.email);
    await requestRegistration({ ...account, locale: "nl" }, newClient());
    const second = await linkTokenMailedTo(account.email);
    expect(second).not.toBe(first);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, account.email))).toHaveLength(1);
    expect((await setPasswordWithToken(second, account.password)).ok).toBe(true);
    expect(await setPasswordWithToken(first, "Een-Ander-Lang-Wachtwoord")).toEqual({ ok: false, error: "tokenInvalid" });
  });
});

describe("mail limits", () => {
  it("sends at most three mails an hour to one address, whoever asks, and answers the same", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    for (let i = 0; i < 10; i++) expect(await requestPasswordReset(account.email, newClient())).toEqual({ ok: true });
    // The registration link counts too.
    expect(await queuedSubjects(account.email)).toEqual(["Kies je wachtwoord voor Koppel", "Je nieuw wachtwoord voor Koppel", "Je nieuw wachtwoord voor Koppel"]);
  });

  it("tells one client to wait after ten requests an hour, whatever the addresses, with the seconds to wait", async () => {
    const client = newClient();
    for (let i = 0; i < rateRules.mailClient.max; i++) expect((await requestPasswordReset(newAccount().email, client)).ok).toBe(true);
    const blocked = await requestRegistration({ ...newAccount(), locale: "nl" }, client);
    if (blocked.ok) throw new Error("expected the limit");
    expect(blocked.retryAfterSeconds).toBeGreaterThan(59 * 60);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(60 * 60);
    // Another client is not held up.
    expect((await requestPasswordReset(newAccount().email, newClient())).ok).toBe(true);
  });
});

describe("login", () => {
  it("gives a new session id at every login", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    const first = await logIn({ email: account.email, password: account.password, clientIp: "198.51.100.1" });
    const second = await logIn({ email: account.email, password: account.password, clientIp: "198.51.100.1" });
    if (!first.ok || !second.ok) throw new Error("login failed");
    expect(first.cookie).not.toEqual(second.cookie);
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    const [row] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id));
    expect(row.n).toBe(3); // the registration link + two logins
  });

  it("answers the same for an unknown address and a wrong password", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    const wrongPassword = await logIn({ email: account.email, password: "niet-het-juiste-wachtwoord", clientIp: "198.51.100.2" });
    const unknown = await logIn({ email: "niemand@voorbeeld.be", password: account.password, clientIp: "198.51.100.2" });
    expect(wrongPassword).toEqual({ ok: false, error: "invalidCredentials" });
    expect(unknown).toEqual(wrongPassword);
  });

  it("locks an account on one client after 5 failures for 15 minutes, even with the right password", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    for (let i = 0; i < 5; i++) {
      const r = await logIn({ email: account.email, password: `fout-${i}-wachtwoord`, clientIp: "198.51.100.10" });
      expect(r).toEqual({ ok: false, error: "invalidCredentials" });
    }
    const blocked = await logIn({ email: account.email, password: account.password, clientIp: "198.51.100.10" });
    expect(blocked.ok).toBe(false);
    if (blocked.ok || blocked.error !== "tooManyAttempts") throw new Error("expected the limit");
    expect(blocked.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  });

  it("evaluates 5 of 30 wrong passwords sent at once, and refuses 25 (the limit decided and counted in one step)", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => logIn({ email: account.email, password: `fout-${i}-wachtwoord`, clientIp: "198.51.100.77" })));
    const outcome = (error: string) => results.filter((r) => !r.ok && r.error === error).length;
    expect({ evaluated: outcome("invalidCredentials"), refused: outcome("tooManyAttempts") }).toEqual({ evaluated: 5, refused: 25 });
    const [row] = await db.select({ n: count() }).from(rateLimitHits).where(eq(rateLimitHits.key, `login:${account.email}|198.51.100.77`));
    expect(row.n).toBe(5);
  });

  it("does not count a successful login against its client", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    for (let i = 0; i < 3; i++) expect((await logIn({ ...account, clientIp: "198.51.100.78" })).ok).toBe(true);
    const [row] = await db.select({ n: count() }).from(rateLimitHits).where(eq(rateLimitHits.key, "login-client:198.51.100.78"));
    expect(row.n).toBe(0);
  });

  it("lets the owner in from another address while an attacker is locked out of their account", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    // Failures spread over many addresses never add up against the account.
    for (let i = 0; i < 12; i++) await logIn({ email: account.email, password: `fout-${i}-wachtwoord`, clientIp: `203.0.113.${100 + (i % 2)}` });
    expect(await logIn({ email: account.email, password: account.password, clientIp: "203.0.113.100" })).toMatchObject({ ok: false, error: "tooManyAttempts" });
    expect((await logIn({ email: account.email, password: account.password, clientIp: "198.51.100.50" })).ok).toBe(true);
  });

  it("limits one IP address across many e-mail addresses", async () => {
    const ip = "198.51.100.200";
    for (let i = 0; i < rateRules.loginClient.max; i++) await logIn({ email: `raden${i}@voorbeeld.be`, password: "zomaar-een-gok", clientIp: ip });
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    const blocked = await logIn({ email: account.email, password: account.password, clientIp: ip });
    expect(blocked).toMatchObject({ ok: false, error: "tooManyAttempts" });
    const elsewhere = await logIn({ email: account.email, password: account.password, clientIp: "198.51.100.201" });
    expect(elsewhere.ok).toBe(true);
  });

  it("counts failures in the database, so the limit is the same for every process", async () => {
    const email = newAccount().email;
    await logIn({ email, password: "een-verkeerde-gok", clientIp: "198.51.100.77" });
    const rows = await db.select({ key: rateLimitHits.key }).from(rateLimitHits).where(eq(rateLimitHits.key, `login:${email}|198.51.100.77`));
    expect(rows).toHaveLength(1);
  });

  it("does not let a deactivated user in", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, account.email));
    expect(await logIn({ email: account.email, password: account.password })).toEqual({ ok: false, error: "invalidCredentials" });
  });
});

describe("password change", () => {
  it("ends every reset link mailed before it", async () => {
    const account = newAccount();
    const registered = await registerUser({ ...account, locale: "nl" });
    await requestPasswordReset(account.email, newClient());
    const link = await linkTokenMailedTo(account.email);
    expect((await changePassword(registered.user.id, { currentPassword: account.password, password: "Een-Nieuw-Lang-Wachtwoord" })).ok).toBe(true);
    expect(await setPasswordWithToken(link, "Het-Wachtwoord-Van-De-Aanvaller")).toEqual({ ok: false, error: "tokenInvalid" });
    expect((await logIn({ email: account.email, password: "Een-Nieuw-Lang-Wachtwoord" })).ok).toBe(true);
  });

  it("needs the current password and signs out every other session", async () => {
    const account = newAccount();
    const registered = await registerUser({ ...account, locale: "nl" });
    if (!registered.ok) throw new Error("register failed");
    const userId = registered.user.id;

    expect(await changePassword(userId, { currentPassword: "niet-mijn-wachtwoord", password: "Een-Nieuw-Lang-Wachtwoord" })).toEqual({
      ok: false,
      error: "wrongCurrentPassword",
    });
    const changed = await changePassword(userId, { currentPassword: account.password, password: "Een-Nieuw-Lang-Wachtwoord" });
    expect(changed.ok).toBe(true);
    const remaining = await db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(remaining).toHaveLength(1); // only the session the change just started
    expect((await logIn({ email: account.email, password: account.password })).ok).toBe(false);
    expect((await logIn({ email: account.email, password: "Een-Nieuw-Lang-Wachtwoord" })).ok).toBe(true);
  });
});

describe("password reset", () => {
  it("mails a single-use link valid for an hour", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    await requestPasswordReset(account.email, newClient());
    await drainEverything(outboxHandlers);
    const mail = (await listSentMail()).find((m) => m.to === account.email && m.subject.includes("wachtwoord"));
    expect(mail?.subject).toBe("Je nieuw wachtwoord voor Koppel");
    const token = tokenFromMail(mail!.text);

    const [stored] = await db.select().from(passwordTokens).where(and(eq(passwordTokens.purpose, "reset"), isNull(passwordTokens.usedAt)));
    expect(stored.tokenHash).not.toBe(token); // only the hash is kept
    const lifetime = stored.expiresAt.getTime() - stored.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(59 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60 * 1000 + 1000);

    const first = await setPasswordWithToken(token, "Mijn-Nieuwe-Zin-Voor-Koppel");
    expect(first.ok).toBe(true);
    const second = await setPasswordWithToken(token, "Nog-Een-Andere-Zin-Voor-Koppel");
    expect(second).toEqual({ ok: false, error: "tokenInvalid" });
    expect((await logIn({ email: account.email, password: "Mijn-Nieuwe-Zin-Voor-Koppel" })).ok).toBe(true);
  });

  it("ends every other open link of the account once one is used", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    await requestPasswordReset(account.email, newClient());
    const older = await linkTokenMailedTo(account.email);
    await requestPasswordReset(account.email, newClient());
    const newer = await linkTokenMailedTo(account.email);
    expect((await setPasswordWithToken(newer, "Mijn-Nieuwe-Zin-Voor-Koppel")).ok).toBe(true);
    expect(await setPasswordWithToken(older, "Het-Wachtwoord-Van-De-Aanvaller")).toEqual({ ok: false, error: "tokenInvalid" });
    expect((await logIn({ email: account.email, password: "Mijn-Nieuwe-Zin-Voor-Koppel" })).ok).toBe(true);
  });

  it("refuses an expired link", async () => {
    const account = newAccount();
    await registerUser({ ...account, locale: "nl" });
    await requestPasswordReset(account.email, newClient());
    const token = await linkTokenMailedTo(account.email);
    await db.update(passwordTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(isNull(passwordTokens.usedAt));
    expect(await setPasswordWithToken(token, "Mijn-Nieuwe-Zin-Voor-Koppel")).toEqual({ ok: false, error: "tokenInvalid" });
  });

  it("sends nothing for an unknown address, and says nothing different", async () => {
    await drainEverything(outboxHandlers);
    const before = (await listSentMail()).length;
    await expect(requestPasswordReset("onbekend@voorbeeld.be", newClient())).resolves.toEqual({ ok: true });
    await drainEverything(outboxHandlers);
    expect(await listSentMail()).toHaveLength(before);
  });
});

describe("invitations", () => {
  it("creates staff without a password and lets them set one through the mailed link", async () => {
    const result = await inviteUser({ name: "Dienst Economie Ieper", email: "economie@ieper.voorbeeld.be", role: "municipality", municipalities: ["33011"] });
    if (!result.ok) throw new Error(result.error);
    const [user] = await db.select().from(users).where(eq(users.id, result.userId));
    expect(user.passwordHash).toBeNull();
    expect((await logIn({ email: user.email, password: "Welk-Wachtwoord-Dan-Ook" })).ok).toBe(false);

    await drainEverything(outboxHandlers);
    const mail = (await listSentMail()).find((m) => m.to === user.email)!;
    expect(mail.text).toContain("Gemeente");
    const set = await setPasswordWithToken(tokenFromMail(mail.text), "Ieper-Lakenhalle-Wachtwoord");
    expect(set).toMatchObject({ ok: true, role: "municipality" });
  });

  it("refuses an unknown municipality and writes nothing", async () => {
    const before = await userCount();
    const result = await inviteUser({ name: "Niemand", email: "x@voorbeeld.be", role: "municipality", municipalities: ["39999"] });
    expect(result).toEqual({ ok: false, error: "invalidMunicipality" });
    expect(await userCount()).toBe(before);
  });

  it("writes mail files that a mail client can open", async () => {
    await inviteUser({ name: "Beheerder", email: "beheer@voorbeeld.be", role: "admin", municipalities: [] });
    await drainEverything(outboxHandlers);
    const mailDir = path.join(process.env.DATA_DIR!, "mail");
    const file = fs.readdirSync(mailDir).find((f) => fs.readFileSync(path.join(mailDir, f), "utf8").includes("beheer@voorbeeld.be"));
    const raw = fs.readFileSync(path.join(mailDir, file!), "utf8");
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(raw).toMatch(/^To: beheer@voorbeeld.be$/m);
  });
});
