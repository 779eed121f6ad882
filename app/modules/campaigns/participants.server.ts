import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, campaignEditions, campaignInvitations, campaignParticipants, municipalities, userMunicipalities, users } from "~db/schema";
import { env } from "~/lib/env.server";
import { belgianDate } from "~/lib/dates";
import { isUniqueViolation } from "~/lib/pg-errors";
import { translator } from "~/lib/i18n";
import { notifyUser, queueMail } from "~/modules/notifications/index.server";
import { getOwnBusiness } from "~/modules/profiles/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { processPhoto, uploads } from "~/modules/uploads/index.server";
import { changedSinceApproval, decisionsFor, participantDecisions, publicProfile } from "./participation";
import type { ParticipantDecision, PromotionInput } from "./schemas";

const participantColumns = {
  id: campaignParticipants.id,
  editionId: campaignParticipants.editionId,
  businessId: campaignParticipants.businessId,
  status: campaignParticipants.status,
  featured: campaignParticipants.featured,
  promotionTitle: campaignParticipants.promotionTitle,
  promotionText: campaignParticipants.promotionText,
  validFrom: campaignParticipants.validFrom,
  validUntil: campaignParticipants.validUntil,
  photoKey: campaignParticipants.photoKey,
  updatedAt: campaignParticipants.updatedAt,
};

/** The owner's businesses, each with its participation in the editions still open to join. */
export async function listRetailerParticipation(ownerId: string, today = belgianDate()) {
  const own = await db
    .select({ id: businesses.id, name: businesses.name, municipality: municipalities.nameNl })
    .from(businesses)
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(eq(businesses.ownerId, ownerId))
    .orderBy(asc(businesses.name));
  if (own.length === 0) return [];
  const rows = await db
    .select(participantColumns)
    .from(campaignParticipants)
    .innerJoin(campaignEditions, eq(campaignEditions.id, campaignParticipants.editionId))
    .where(and(inArray(campaignParticipants.businessId, own.map((b) => b.id)), sql`${campaignEditions.endsOn} >= ${today}`));
  return own.map((b) => ({ ...b, participations: rows.filter((r) => r.businessId === b.id) }));
}

/** A business of this owner with its promotion in one edition (null when it is not theirs). */
export async function getOwnPromotion(ownerId: string, businessId: string, editionId: string) {
  const business = await getOwnBusiness(ownerId, businessId);
  if (!business) return null;
  const [participant] = await db
    .select(participantColumns)
    .from(campaignParticipants)
    .where(and(eq(campaignParticipants.businessId, businessId), eq(campaignParticipants.editionId, editionId)));
  return { business: { id: business.id, name: business.name, nisCode: business.nisCode }, participant: participant ?? null };
}

export type SavePromotionResult =
  | { ok: true; participantId: string }
  | { ok: false; field?: "photo" | "validFrom"; error: string; status: 400 | 404 | 409 | 413 };

/**
 * Opts a business in, or edits its promotion. Every save goes (back) to "pending": what the public
 * reads is always text a municipality approved. The photo is checked and re-encoded before anything
 * is written, so a refused photo leaves the promotion as it was.
 */
export async function savePromotion(ownerId: string, businessId: string, input: PromotionInput, photo: File | null, today = belgianDate()): Promise<SavePromotionResult> {
  const own = await getOwnPromotion(ownerId, businessId, input.editionId);
  if (!own) return { ok: false, error: "errors.notFound", status: 404 };
  const [edition] = await db.select().from(campaignEditions).where(eq(campaignEditions.id, input.editionId));
  if (!edition || edition.endsOn < today) return { ok: false, error: "campaigns.editionClosed", status: 409 };
  if (own.participant?.status === "removed") return { ok: false, error: "campaigns.removedByMunicipality", status: 409 };
  if (input.validFrom > edition.endsOn || input.validUntil < edition.startsOn) return { ok: false, field: "validFrom", error: "campaigns.validityOutsideEdition", status: 400 };

  let stored: { key: string; width: number; height: number } | null = null;
  if (photo && photo.size > 0) {
    const result = await processPhoto(photo);
    if (!result.ok) return { ok: false, field: "photo", error: result.error, status: result.error === "campaigns.photoTooLarge" ? 413 : 400 };
    stored = { key: `${crypto.randomUUID()}.webp`, width: result.width, height: result.height };
    await uploads.put(stored.key, result.bytes);
  }
  const previousPhoto = own.participant?.photoKey ?? null;
  const photoColumns = stored
    ? { photoKey: stored.key, photoWidth: stored.width, photoHeight: stored.height }
    : input.removePhoto
      ? { photoKey: null, photoWidth: null, photoHeight: null }
      : {};
  const values = { promotionTitle: input.promotionTitle, promotionText: input.promotionText, validFrom: input.validFrom, validUntil: input.validUntil, status: "pending" as const, ...photoColumns };

  try {
    const participantId = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(campaignParticipants)
        .values({ editionId: edition.id, businessId, ...values })
        .onConflictDoUpdate({
          target: [campaignParticipants.editionId, campaignParticipants.businessId],
          set: { ...values, updatedAt: sql`now()` },
          // A removal by the municipality that landed meanwhile stands.
          setWhere: sql`${campaignParticipants.status} <> 'removed'`,
        })
        .returning({ id: campaignParticipants.id });
      if (!row) throw new RemovedMeanwhile();
      await recordAudit(tx, { actorId: ownerId, action: "campaign.promotion.save", entityType: "campaign_participant", entityId: row.id, toState: "pending", data: { editionId: edition.id, businessId, photo: Boolean(stored) } });
      const staff = await tx
        .select({ userId: userMunicipalities.userId })
        .from(userMunicipalities)
        .innerJoin(users, eq(users.id, userMunicipalities.userId))
        .where(and(eq(userMunicipalities.nisCode, own.business.nisCode), eq(users.role, "municipality"), sql`${users.deactivatedAt} is null`));
      for (const { userId } of staff) {
        await notifyUser(tx, { userId, messageKey: "campaigns.notice.promotionToReview", subjectKey: "campaigns.notice.promotionToReviewSubject", params: { business: own.business.name }, link: "/gemeente/zomer" });
      }
      return row.id;
    });
    if (previousPhoto && (stored || input.removePhoto)) await uploads.remove(previousPhoto);
    return { ok: true, participantId };
  } catch (error) {
    if (stored) await uploads.remove(stored.key);
    if (error instanceof RemovedMeanwhile) return { ok: false, error: "campaigns.removedByMunicipality", status: 409 };
    throw error;
  }
}

class RemovedMeanwhile extends Error {}

/** The retailer takes the business out of an edition again; only what they still may change. */
export async function withdrawPromotion(ownerId: string, participantId: string) {
  const [row] = await db
    .select({ id: campaignParticipants.id, status: campaignParticipants.status, photoKey: campaignParticipants.photoKey })
    .from(campaignParticipants)
    .innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId))
    .where(and(eq(campaignParticipants.id, participantId), eq(businesses.ownerId, ownerId)));
  if (!row) return false;
  await db.transaction(async (tx) => {
    await tx.delete(campaignParticipants).where(eq(campaignParticipants.id, row.id));
    await recordAudit(tx, { actorId: ownerId, action: "campaign.promotion.withdraw", entityType: "campaign_participant", entityId: row.id, fromState: row.status });
  });
  if (row.photoKey) await uploads.remove(row.photoKey);
  return true;
}

/** Participants of one edition in the staff member's municipalities: the work list of /gemeente/zomer. */
export async function listParticipantsForStaff(nisCodes: string[], editionId: string) {
  if (nisCodes.length === 0) return [];
  const rows = await db
    .select({
      ...participantColumns,
      businessName: businesses.name,
      businessSlug: businesses.slug,
      municipality: municipalities.nameNl,
      municipalitySlug: municipalities.slug,
      sector: businesses.sector,
      approvedProfile: campaignParticipants.approvedProfile,
      description: businesses.description,
      digitalPresence: businesses.digitalPresence,
    })
    .from(campaignParticipants)
    .innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId))
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(and(eq(campaignParticipants.editionId, editionId), inArray(businesses.nisCode, nisCodes)))
    .orderBy(asc(campaignParticipants.status), desc(campaignParticipants.featured), asc(businesses.name));
  return rows.map(({ approvedProfile, description, digitalPresence, ...row }) => ({
    ...row,
    /** The name the public sees while changes wait (null when nothing changed). */
    publicName: approvedProfile?.name ?? null,
    changedSinceApproval: row.status === "approved" && changedSinceApproval(approvedProfile, { name: row.businessName, description, digitalPresence }),
  }));
}

/**
 * Staff approve, feature or remove a participant of their own municipalities. Anything else is
 * "not found", so another municipality's retailers are not even confirmed to exist.
 */
export async function decideParticipant(
  staffId: string,
  nisCodes: string[],
  participantId: string,
  decision: ParticipantDecision,
): Promise<{ ok: true } | { ok: false; status: 404 | 409; error: string }> {
  if (nisCodes.length === 0) return { ok: false, status: 404, error: "errors.notFound" };
  const [row] = await db
    .select({
      id: campaignParticipants.id,
      status: campaignParticipants.status,
      featured: campaignParticipants.featured,
      approvedProfile: campaignParticipants.approvedProfile,
      ownerId: businesses.ownerId,
      businessName: businesses.name,
      description: businesses.description,
      digitalPresence: businesses.digitalPresence,
    })
    .from(campaignParticipants)
    .innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId))
    .where(and(eq(campaignParticipants.id, participantId), inArray(businesses.nisCode, nisCodes)));
  if (!row) return { ok: false, status: 404, error: "errors.notFound" };
  // The same rule that shows the buttons: a second "feature" click is refused, not audited twice.
  const current = publicProfile({ name: row.businessName, description: row.description, digitalPresence: row.digitalPresence });
  if (!decisionsFor(row.status, row.featured, changedSinceApproval(row.approvedProfile, current)).includes(decision)) return { ok: false, status: 409, error: "campaigns.decisionNotAllowed" };
  const rule = participantDecisions[decision];
  // What staff approve now is what the public will see: the texts and links as they read them.
  const approving = decision === "approve" || decision === "approveChanges";
  const applied = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaignParticipants)
      .set({
        status: rule.to,
        ...(rule.featured === undefined ? {} : { featured: rule.featured }),
        ...(approving ? { approvedProfile: current } : {}),
        decidedBy: staffId,
        decidedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      // Only from the status read above: a second click or a concurrent edit does not apply twice.
      .where(and(eq(campaignParticipants.id, row.id), eq(campaignParticipants.status, row.status)))
      .returning({ id: campaignParticipants.id });
    if (!updated) return false;
    await recordAudit(tx, { actorId: staffId, action: `campaign.participant.${decision}`, entityType: "campaign_participant", entityId: row.id, fromState: row.status, toState: rule.to });
    if (decision === "approve" || decision === "remove" || decision === "feature") {
      await notifyUser(tx, { userId: row.ownerId, messageKey: `campaigns.notice.${decision}`, subjectKey: "campaigns.notice.decisionSubject", params: { business: row.businessName }, link: "/ondernemer/zomer" });
    }
    return true;
  });
  return applied ? { ok: true } : { ok: false, status: 409, error: "campaigns.decisionNotAllowed" };
}

type InviteResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

/**
 * Staff ask a retailer of their municipality to take part: a business listed on Koppel (its owner
 * gets a notice and an e-mail; staff never see the address), or an e-mail address they typed (a
 * retailer already on Koppel is noticed too; anyone else is asked to register first).
 */
export async function inviteRetailer(
  staffId: string,
  nisCodes: string[],
  input: { editionId: string } & ({ businessId: string } | { email: string; nisCode: string }),
  today = belgianDate(),
): Promise<InviteResult> {
  const [edition] = await db.select().from(campaignEditions).where(eq(campaignEditions.id, input.editionId));
  if (!edition || edition.endsOn < today) return { ok: false, status: 409, error: "campaigns.editionClosed" };
  if (nisCodes.length === 0) return { ok: false, status: 404, error: "errors.notFound" };

  let target: { nisCode: string; email: string | null; businessId: string | null; ownerId: string | null };
  if ("businessId" in input) {
    const [business] = await db
      .select({ nisCode: businesses.nisCode, ownerId: businesses.ownerId })
      .from(businesses)
      .where(and(eq(businesses.id, input.businessId), inArray(businesses.nisCode, nisCodes)));
    if (!business) return { ok: false, status: 404, error: "errors.notFound" };
    target = { nisCode: business.nisCode, email: null, businessId: input.businessId, ownerId: business.ownerId };
  } else {
    if (!nisCodes.includes(input.nisCode)) return { ok: false, status: 404, error: "errors.notFound" };
    const email = input.email.toLowerCase();
    const [retailer] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, email), eq(users.role, "retailer")));
    target = { nisCode: input.nisCode, email, businessId: null, ownerId: retailer?.id ?? null };
  }
  const [municipality] = await db.select({ name: municipalities.nameNl }).from(municipalities).where(eq(municipalities.nisCode, target.nisCode));
  const params = { edition: edition.title, municipality: municipality.name };
  try {
    await db.transaction(async (tx) => {
      const [invitation] = await tx
        .insert(campaignInvitations)
        .values({ editionId: edition.id, nisCode: target.nisCode, email: target.email, businessId: target.businessId, invitedBy: staffId })
        .returning({ id: campaignInvitations.id });
      await recordAudit(tx, { actorId: staffId, action: "campaign.invite", entityType: "campaign_invitation", entityId: invitation.id, data: { editionId: edition.id, nisCode: target.nisCode, businessId: target.businessId } });
      if (target.ownerId) {
        await notifyUser(tx, { userId: target.ownerId, messageKey: "campaigns.notice.invited", subjectKey: "campaigns.notice.invitedSubject", params, link: "/ondernemer/zomer" });
      } else {
        const t = translator("nl");
        await queueMail(tx, { to: target.email!, subject: t("campaigns.notice.invitedSubject", params), text: t("campaigns.mail.inviteNewcomer", { ...params, link: `${env.APP_URL}/registreren` }) });
      }
    });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 409, error: "campaigns.alreadyInvited" };
    throw error;
  }
}

/**
 * Invitations sent for the staff member's municipalities, with whether the retailer has joined
 * since. An address may belong to a retailer whose business lies in another municipality: its
 * participation counts only once public (approved), never while that municipality still decides.
 */
export async function listInvitations(nisCodes: string[], editionId: string) {
  if (nisCodes.length === 0) return [];
  const ownMunicipalities = sql.join(nisCodes.map((code) => sql`${code}`), sql`, `);
  return db
    .select({
      id: campaignInvitations.id,
      email: campaignInvitations.email,
      businessName: businesses.name,
      municipality: municipalities.nameNl,
      createdAt: campaignInvitations.createdAt,
      joined: sql<boolean>`exists (
        select 1 from ${campaignParticipants} p
        join ${businesses} b on b.id = p.business_id
        join ${users} u on u.id = b.owner_id
        where p.edition_id = ${campaignInvitations.editionId}
          and (p.business_id = ${campaignInvitations.businessId} or u.email = ${campaignInvitations.email})
          and (p.status = 'approved' or b.nis_code in (${ownMunicipalities})))`,
    })
    .from(campaignInvitations)
    .innerJoin(municipalities, eq(municipalities.nisCode, campaignInvitations.nisCode))
    .leftJoin(businesses, eq(businesses.id, campaignInvitations.businessId))
    .where(and(eq(campaignInvitations.editionId, editionId), inArray(campaignInvitations.nisCode, nisCodes)))
    .orderBy(desc(campaignInvitations.createdAt));
}

/** The businesses located in the staff member's municipalities, with where each stands in an edition. */
export async function listBusinessesForStaff(nisCodes: string[], editionId: string | null) {
  if (nisCodes.length === 0) return [];
  return db
    .select({
      id: businesses.id,
      name: businesses.name,
      slug: businesses.slug,
      sector: businesses.sector,
      municipality: municipalities.nameNl,
      participation: editionId
        ? sql<string | null>`(select p.status::text from ${campaignParticipants} p where p.business_id = ${businesses.id} and p.edition_id = ${editionId})`
        : sql<null>`null`,
      invited: editionId
        ? sql<boolean>`exists (select 1 from ${campaignInvitations} i where i.business_id = ${businesses.id} and i.edition_id = ${editionId})`
        : sql<boolean>`false`,
    })
    .from(businesses)
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(inArray(businesses.nisCode, nisCodes))
    .orderBy(asc(municipalities.nameNl), asc(businesses.name));
}
