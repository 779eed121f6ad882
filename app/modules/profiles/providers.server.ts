import { billingMandateVersion } from "./taxonomy";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { municipalities, providers, users, type ProviderStatus } from "~db/schema";
import { env } from "~/lib/env.server";
import { translator } from "~/lib/i18n";
import { isUniqueViolation } from "~/lib/pg-errors";
import { queueProviderIndexing } from "~/modules/matching/index.server";
import { createNotice, queueMail } from "~/modules/notifications/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { recheckRelatedParties } from "~/modules/vouchers/index.server";
import { maskedIban } from "./iban";
import type { ProviderInput } from "./schemas";
import { uniqueSlug } from "./slugs.server";
import { currentSettings } from "~/modules/settings/index.server";
import { findVettingTransition, type VettingAction } from "./vetting";

function columnsFrom(input: ProviderInput) {
  return {
    companyName: input.companyName,
    enterpriseNumber: input.enterpriseNumber,
    foundedOn: input.foundedOn,
    kind: input.kind,
    services: input.services,
    sectors: input.sectors,
    baseNisCode: input.baseNisCode,
    radiusKm: input.radiusKm,
    serviceNisCodes: [...new Set(input.serviceNisCodes)],
    languages: input.languages,
    hourlyRateCents: input.hourlyRate,
    capacity: input.capacity,
    bio: input.bio,
    portfolioLinks: input.portfolioLinks,
    iban: input.iban,
    // A Belgian VAT number is BE followed by the enterprise number: known without asking.
    vatNumber: input.vatNumber ?? `BE${input.enterpriseNumber.replace(/\D/g, "")}`,
    vatStatus: input.vatStatus,
    street: input.street || null,
    postalCode: input.postalCode,
    phone: input.phone,
    conflictEnterpriseNumbers: input.conflictEnterpriseNumbers,
  };
}

/**
 * Creates the provider's profile (pending, with the conflict-of-interest declaration dated now)
 * or updates it. A rejected profile that is edited is submitted again: it goes back to pending.
 */
export async function saveProviderProfile(
  userId: string,
  input: ProviderInput,
): Promise<{ ok: true; created: boolean; status: ProviderStatus } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const known = await db
    .select({ nisCode: municipalities.nisCode })
    .from(municipalities)
    .where(inArray(municipalities.nisCode, [input.baseNisCode, ...input.serviceNisCodes]));
  const knownCodes = new Set(known.map((m) => m.nisCode));
  if (!knownCodes.has(input.baseNisCode)) return { ok: false as const, fieldErrors: { baseNisCode: ["errors.invalidMunicipality"] } };
  if (input.serviceNisCodes.some((c) => !knownCodes.has(c))) {
    return { ok: false as const, fieldErrors: { serviceNisCodes: ["errors.invalidMunicipality"] } };
  }
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select({ id: providers.id, slug: providers.slug, status: providers.status, iban: providers.iban, billingMandateAt: providers.billingMandateAt })
        .from(providers)
        .where(eq(providers.userId, userId));
      // The billing mandate the form asks for, dated when first accepted.
      const billingMandate = { billingMandateAt: new Date(), billingMandateVersion };
      const slug = await uniqueSlug(tx, providers, providers.slug, input.companyName, current?.slug);
      if (!current) {
        const [row] = await tx
          .insert(providers)
          .values({ ...columnsFrom(input), userId, slug, status: "pending", conflictDeclaredAt: new Date(), ...billingMandate })
          .returning({ id: providers.id });
        await recordAudit(tx, { actorId: userId, action: "provider.submit", entityType: "provider", entityId: row.id, toState: "pending" });
        await queueProviderIndexing(tx, [row.id]);
        return { ok: true as const, created: true, status: "pending" as const };
      }
      const resubmitted = current.status === "rejected";
      const ibanChanged = isIbanChange(current.iban, input.iban);
      await tx
        .update(providers)
        .set({
          ...columnsFrom(input),
          slug,
          conflictDeclaredAt: new Date(),
          ...(current.billingMandateAt ? {} : billingMandate),
          updatedAt: new Date(),
          ...(resubmitted ? { status: "pending" as const, statusChangedAt: new Date() } : {}),
          // Held: no payout goes to a changed account until the office has confirmed it.
          ...(ibanChanged ? { ibanHoldSince: new Date() } : {}),
        })
        .where(eq(providers.id, current.id));
      if (resubmitted) {
        await recordAudit(tx, { actorId: userId, action: "provider.resubmit", entityType: "provider", entityId: current.id, fromState: "rejected", toState: "pending" });
      }
      if (ibanChanged) {
        await recordIbanChange(tx, userId, current.id, current.iban, input.iban);
        await recheckRelatedParties(tx, current.id, userId);
      }
      await queueProviderIndexing(tx, [current.id]);
      return { ok: true as const, created: false, status: resubmitted ? ("pending" as const) : current.status };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false as const, fieldErrors: { enterpriseNumber: ["errors.enterpriseNumberTaken"] } };
    throw error;
  }
}

export async function getProviderOfUser(userId: string) {
  const [row] = await db.select().from(providers).where(eq(providers.userId, userId));
  return row ?? null;
}

/** The admin's queue: pending first, then the rest, with every detail. */
export async function listProvidersForVetting() {
  return db
    .select({ provider: providers, email: users.email, baseMunicipality: municipalities.nameNl })
    .from(providers)
    .innerJoin(users, eq(users.id, providers.userId))
    .innerJoin(municipalities, eq(municipalities.nisCode, providers.baseNisCode))
    .orderBy(sql`case ${providers.status} when 'pending' then 0 when 'suspended' then 1 when 'approved' then 2 else 3 end`, asc(providers.createdAt));
}

const mailKeys = {
  approved: ["vetting.mailApprovedSubject", "vetting.mailApprovedBody", "provider.approvedNotice"],
  rejected: ["vetting.mailRejectedSubject", "vetting.mailRejectedBody", "provider.rejectedNotice"],
  suspended: ["vetting.mailSuspendedSubject", "vetting.mailSuspendedBody", "provider.suspendedNotice"],
} as const;

/**
 * Applies an admin's vetting decision if the table allows it in the provider's current status.
 * The status change, the audit entry, the e-mail and the in-app notice commit together; a stale
 * decision (someone else decided first) changes nothing.
 */
export async function decideProvider(adminId: string, decision: { providerId: string; action: VettingAction; reason?: string }) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: providers.status, companyName: providers.companyName, userId: providers.userId, email: users.email, name: users.name, locale: users.locale })
      .from(providers)
      .innerJoin(users, eq(users.id, providers.userId))
      .where(eq(providers.id, decision.providerId));
    if (!current) return { ok: false as const, error: "notFound" as const };
    const transition = findVettingTransition(current.status, decision.action);
    if (!transition) return { ok: false as const, error: "notAllowed" as const };
    const reason = transition.needsReason ? (decision.reason ?? "").trim() : null;
    if (transition.needsReason && !reason) return { ok: false as const, error: "reasonRequired" as const };

    const updated = await tx
      .update(providers)
      .set({ status: transition.to, statusReason: reason, statusChangedAt: new Date() })
      .where(and(eq(providers.id, decision.providerId), eq(providers.status, current.status)))
      .returning({ id: providers.id });
    if (updated.length === 0) return { ok: false as const, error: "notAllowed" as const };

    await recordAudit(tx, {
      actorId: adminId,
      action: `provider.${decision.action}`,
      entityType: "provider",
      entityId: decision.providerId,
      fromState: current.status,
      toState: transition.to,
      reason,
    });
    const [subjectKey, bodyKey, noticeKey] = mailKeys[transition.to];
    const t = translator(current.locale);
    await queueMail(tx, {
      to: current.email,
      subject: t(subjectKey),
      text: t(bodyKey, { name: current.name, reason: reason ?? "", link: `${env.APP_URL}/aanbieder` }),
    });
    await createNotice(tx, { userId: current.userId, messageKey: noticeKey, params: { reason: reason ?? "" }, link: "/aanbieder" });
    await queueProviderIndexing(tx, [decision.providerId]);
    return { ok: true as const, companyName: current.companyName, status: transition.to };
  });
}

/**
 * An approved provider's public page. Pending, rejected and suspended providers do not exist for
 * anyone but themselves and the programme office.
 */
export async function getPublicProvider(slug: string, viewer: { id: string; role: string } | null) {
  const [row] = await db
    .select({ provider: providers, baseMunicipality: municipalities.nameNl })
    .from(providers)
    .innerJoin(municipalities, eq(municipalities.nisCode, providers.baseNisCode))
    .where(eq(providers.slug, slug));
  if (!row) return null;
  const mayView = row.provider.status === "approved" || viewer?.role === "admin" || viewer?.id === row.provider.userId;
  if (!mayView) return null;
  const { iban: _iban, vatNumber: _vat, enterpriseNumber: _kbo, userId: _user, statusReason: _reason, ...publicFields } = row.provider;
  return { ...publicFields, baseMunicipality: row.baseMunicipality };
}

const comparableIban = (iban: string | null | undefined) => iban?.replace(/\s/g, "").toUpperCase() || null;
/** A change of an account already on file (a first IBAN is no change). */
const isIbanChange = (before: string | null, after: string | null | undefined) => comparableIban(before) !== null && comparableIban(before) !== comparableIban(after);
/** An account number as a mail shows it: the country, the check digits and the last four, the rest hidden. */

/**
 * A changed bank account is the textbook way to divert payouts: every change is audited with its
 * old and new value, and the account's own address is told at once, in the same transaction, so a
 * stolen account cannot change it unnoticed. Batches already made keep the account they were made
 * with (payments module); new payouts wait until the office confirms the change.
 */
async function recordIbanChange(tx: Executor, userId: string, providerId: string, before: string | null, after: string | null | undefined) {
  const [old, next] = [comparableIban(before), comparableIban(after)];
  await recordAudit(tx, { actorId: userId, action: "provider.iban_change", entityType: "provider", entityId: providerId, data: { oldIban: old, newIban: next } });
  const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
  const t = translator(user.locale);
  await queueMail(tx, {
    to: user.email,
    subject: t("mail.ibanChangedSubject"),
    // The office's own contact (a setting), else the site: a reply to a no-reply address reaches nobody.
    text: t("mail.ibanChangedBody", { name: user.name, old: maskedIban(old), new: maskedIban(next), office: currentSettings().contactEmail ?? env.APP_URL }),
  });
}

/** The office confirms a changed IBAN (having checked it with the provider): payouts to it may go out again. */
export async function confirmIbanChange(adminId: string, providerId: string) {
  return db.transaction(async (tx) => {
    const [confirmed] = await tx
      .update(providers)
      .set({ ibanHoldSince: null })
      .where(and(eq(providers.id, providerId), isNotNull(providers.ibanHoldSince)))
      .returning({ iban: providers.iban });
    if (!confirmed) return false;
    await recordAudit(tx, { actorId: adminId, action: "provider.iban_confirm", entityType: "provider", entityId: providerId, data: { iban: comparableIban(confirmed.iban) } });
    return true;
  });
}

