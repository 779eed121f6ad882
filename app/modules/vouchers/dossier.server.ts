import { eq, type SQL } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { businesses, engagements, programmes, providers, vouchers } from "~db/schema";
import { addBelgianBankingDays, bankingDaysBetween, belgianDate } from "~/lib/dates";
import { budgetFigures, ledgerSums } from "./ledger.server";
import { eligibilityChecks } from "./rules";

/*
 * A voucher's file as the office and the parties read it: the voucher with its programme, the
 * business and the provider it concerns, and the price. One query for the office's queue, the
 * facts beside a decision, the decision letter and the mails that quote the file.
 */

function voucherDossiers(executor: Executor, where: SQL) {
  return executor
    .select({
      voucher: vouchers,
      programme: programmes,
      business: { name: businesses.name, ownerId: businesses.ownerId, street: businesses.street, postalCode: businesses.postalCode, enterpriseNumber: businesses.enterpriseNumber },
      provider: {
        companyName: providers.companyName,
        enterpriseNumber: providers.enterpriseNumber,
        conflictDeclaredAt: providers.conflictDeclaredAt,
        billingMandateAt: providers.billingMandateAt,
        billingMandateVersion: providers.billingMandateVersion,
      },
      priceCents: engagements.priceCents,
    })
    .from(vouchers)
    .innerJoin(programmes, eq(programmes.id, vouchers.programmeId))
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .innerJoin(businesses, eq(businesses.id, vouchers.businessId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .where(where);
}

/** One voucher's file, by the voucher or by its engagement; null when there is none. */
export async function findVoucherDossier(executor: Executor, key: { voucherId: string } | { engagementId: string }) {
  const [row] = await voucherDossiers(executor, "voucherId" in key ? eq(vouchers.id, key.voucherId) : eq(vouchers.engagementId, key.engagementId));
  return row ?? null;
}

/**
 * The decision term: the programme's decision days, in working days (Belgian banking days) after the
 * request. Overdue once its last working day has passed.
 */
function decisionTerm(requestedAt: Date, decisionDays: number, today: string) {
  const decideBy = addBelgianBankingDays(belgianDate(requestedAt), decisionDays);
  const workingDaysLeft = bankingDaysBetween(today, decideBy);
  return { decideBy, workingDaysLeft, overdue: workingDaysLeft < 0 };
}

/** The office's queue of vouchers to decide, the one nearest its term first. */
export async function listVoucherDecisions(filter: { relatedPartyOnly?: boolean } = {}, today = belgianDate()) {
  const rows = await voucherDossiers(db, eq(vouchers.status, "requested"));
  return rows
    .filter((r) => !filter.relatedPartyOnly || r.voucher.relatedParty.length > 0)
    .map((r) => ({
      voucherId: r.voucher.id,
      dossierNumber: r.voucher.dossierNumber,
      engagementId: r.voucher.engagementId,
      business: r.business.name,
      provider: r.provider.companyName,
      amountCents: r.voucher.amountCents,
      relatedParty: r.voucher.relatedParty,
      eligibilityIssues: r.voucher.eligibilityIssues,
      requestedAt: r.voucher.createdAt,
      tacitApproval: r.programme.tacitApproval,
      overdueNotifiedAt: r.voucher.overdueNotifiedAt,
      ...decisionTerm(r.voucher.createdAt, r.programme.decisionDays, today),
    }))
    .sort((a, b) => a.decideBy.localeCompare(b.decideBy) || a.requestedAt.getTime() - b.requestedAt.getTime());
}

/**
 * What the office needs beside a voucher to decide on it: the checks and their results, who the
 * parties are by enterprise number, the retailer's declaration with its date, the price and how it
 * splits, and what the budget has left once this voucher is reserved.
 */
export async function getVoucherDecisionFacts(voucherId: string) {
  const row = await findVoucherDossier(db, { voucherId });
  if (!row) return null;
  const { voucher, programme } = row;
  const budget = budgetFigures(programme, (await ledgerSums(db, [programme.id])).get(programme.id));
  return {
    dossierNumber: voucher.dossierNumber,
    checks: eligibilityChecks.map((check) => ({ check, passed: !voucher.eligibilityIssues.includes(check) })),
    relatedParty: voucher.relatedParty,
    businessEnterprise: row.business.enterpriseNumber,
    providerEnterprise: row.provider.enterpriseNumber,
    declaredAt: voucher.noDoubleFundingDeclaredAt,
    priceCents: row.priceCents,
    vatCents: voucher.ownShareCents + voucher.amountCents - row.priceCents,
    voucherCents: voucher.amountCents,
    ownShareCents: voucher.ownShareCents,
    availableCents: budget.availableCents,
    availableAfterCents: budget.availableCents - voucher.amountCents,
    ...decisionTerm(voucher.createdAt, programme.decisionDays, belgianDate()),
  };
}
