import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { engagements } from "./engagements";
import { businesses, providers } from "./profiles";
import { id } from "./columns";

/** A voucher programme of the development agency: its budget can never be overspent. */
export const programmes = pgTable(
  "programmes",
  {
    id: id(),
    name: text("name").notNull(),
    budgetCents: bigint("budget_cents", { mode: "number" }).notNull(),
    /**
     * Reserved plus redeemed, kept beside the ledger as its guard: every reservation raises it with a
     * conditional update, and the CHECK below refuses any value beyond the budget.
     */
    committedCents: bigint("committed_cents", { mode: "number" }).notNull().default(0),
    /** Subsidy rate in basis points: 7500 = 75 % of the price excl. VAT. */
    rateBasisPoints: integer("rate_basis_points").notNull().default(7500),
    capCents: bigint("cap_cents", { mode: "number" }).notNull().default(150_000),
    eligibleSectors: text("eligible_sectors").array().notNull(),
    /** Empty means all 62 municipalities. */
    eligibleNisCodes: text("eligible_nis_codes").array().notNull().default(sql`'{}'::text[]`),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    maxVouchersPerBusiness: integer("max_vouchers_per_business").notNull().default(1),
    paymentDays: integer("payment_days").notNull().default(30),
    /** Working days (Belgian banking days) the office takes at most to decide on a voucher. */
    decisionDays: integer("decision_days").notNull().default(10),
    /**
     * Tacit approval: a voucher whose checks all pass (eligible, no related party, budget left) and
     * that is still undecided when the term ends is approved by the scheduler, audited as such. Off
     * unless the programme's rules promise it.
     */
    tacitApproval: boolean("tacit_approval").notNull().default(false),
    iban: text("iban").notNull(),
    /** The bank's BIC, for the SEPA file; optional (IBAN-only transfers are allowed in SEPA). */
    bic: text("bic"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("programmes_budget_never_overspent", sql`${t.committedCents} >= 0 and ${t.committedCents} <= ${t.budgetCents}`)],
);

export const voucherStatuses = ["requested", "approved", "rejected", "closed", "expired"] as const;
export type VoucherStatus = (typeof voucherStatuses)[number];
export const voucherStatusEnum = pgEnum("voucher_status", voucherStatuses);

export const vouchers = pgTable(
  "vouchers",
  {
    id: id(),
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    ownShareCents: bigint("own_share_cents", { mode: "number" }).notNull(),
    /** The file's number people quote: V-<year>-<six digits>, given when the voucher is requested. */
    dossierNumber: text("dossier_number").unique(),
    status: voucherStatusEnum("status").notNull().default("requested"),
    /** Why the voucher may not be approved, checked when it was requested (empty: eligible). */
    eligibilityIssues: jsonb("eligibility_issues").$type<string[]>().notNull().default([]),
    /** The retailer's declaration that no other subsidy (e.g. the KMO-portefeuille) funds the same service. */
    noDoubleFundingDeclaredAt: timestamp("no_double_funding_declared_at", { withTimezone: true }).notNull(),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The rates the amounts were computed with: later changes to the programme or the VAT setting leave this voucher as it is. */
    rateBasisPoints: integer("rate_basis_points").notNull().default(0),
    vatBasisPoints: integer("vat_basis_points").notNull().default(2100),
    /** Why the business and the provider may be related parties (enterprise number, IBAN, …); empty when none. */
    relatedParty: jsonb("related_party").$type<string[]>().notNull().default([]),
    /** The office's written reason for approving a voucher flagged as related-party. */
    approvalJustification: text("approval_justification"),
    /** Belgian structured communication for the own share: 12 digits, mod-97. */
    paymentReference: text("payment_reference").unique(),
    paymentDueOn: date("payment_due_on"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    /** When the office was told that the decision term had passed (once). */
    overdueNotifiedAt: timestamp("overdue_notified_at", { withTimezone: true }),
    /** When the retailer was reminded that the own share is due soon (once). */
    paymentRemindedAt: timestamp("payment_reminded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("vouchers_engagement_idx").on(t.engagementId), index("vouchers_status_idx").on(t.status), index("vouchers_business_idx").on(t.businessId, t.programmeId)],
);

export const ledgerKinds = ["reserve", "release", "redeem"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];
export const ledgerKindEnum = pgEnum("ledger_kind", ledgerKinds);

/** Append-only budget movements; the programme's figures are sums over these. */
export const budgetLedger = pgTable(
  "budget_ledger",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id),
    voucherId: text("voucher_id")
      .notNull()
      .references(() => vouchers.id),
    kind: ledgerKindEnum("kind").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("budget_ledger_programme_idx").on(t.programmeId), index("budget_ledger_voucher_idx").on(t.voucherId), check("budget_ledger_positive", sql`${t.amountCents} > 0`)],
);

export const paymentStatuses = ["open", "paid", "failed", "expired", "refunded", "disputed"] as const;
export const paymentStatusEnum = pgEnum("payment_status", paymentStatuses);

/** An attempt to pay an own share online (Stripe Checkout); bank transfers are confirmed on the voucher. */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    voucherId: text("voucher_id")
      .notNull()
      .references(() => vouchers.id),
    /** The Checkout Session id. */
    externalId: text("external_id").notNull().unique(),
    paymentIntentId: text("payment_intent_id"),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    status: paymentStatusEnum("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One open Checkout Session per voucher at a time: a second click reuses it, so two can never both be paid.
  (t) => [index("payments_voucher_idx").on(t.voucherId), uniqueIndex("payments_one_open_idx").on(t.voucherId).where(sql`status = 'open'`)],
);

export const stripeProblems = ["unknownSession", "dispute", "unrequestedRefund", "refundFailed"] as const;
export type StripeProblem = (typeof stripeProblems)[number];

/**
 * Every Stripe event id handled, once: replays and concurrent duplicates change nothing. An event
 * Koppel cannot settle on its own (a session it does not know, a chargeback, a refund made in
 * Stripe's dashboard) keeps its object and waits in the office's work queue until someone resolves it.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    problem: text("problem").$type<StripeProblem>(),
    /** The event's object (session, charge, dispute), for the office to see what came. */
    object: jsonb("object").$type<Record<string, unknown>>(),
    engagementId: text("engagement_id").references(() => engagements.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => users.id),
    resolution: text("resolution"),
  },
  (t) => [index("stripe_events_open_idx").on(t.receivedAt).where(sql`problem is not null and resolved_at is null`)],
);

/** The account a payout is paid from, as it stood when the batch was made. */
export interface PayoutDebtor {
  programmeId: string;
  name: string;
  iban: string;
  bic: string | null;
}

/** A provider paid in a batch, as the batch was made: a later change of IBAN or name leaves the batch's file as it was. */
export interface PayoutCreditor {
  providerId: string;
  name: string;
  iban: string;
}

/** A batch of payouts the programme office paid in one SEPA transfer file. */
export const payoutBatches = pgTable("payout_batches", {
  id: id(),
  createdBy: text("created_by").references(() => users.id),
  totalCents: bigint("total_cents", { mode: "number" }).notNull(),
  paidAt: timestamp("paid_at", { withTimezone: true }).notNull().defaultNow(),
  /** One per programme account the batch pays from: a later change to a programme leaves old files as they were. */
  debtors: jsonb("debtors").$type<PayoutDebtor[]>().notNull().default([]),
  /**
   * Who is paid, to which account, as it was when the batch was made. Changing a bank account after
   * approval is the textbook payment diversion: the file of a batch never follows a profile edit.
   */
  creditors: jsonb("creditors").$type<PayoutCreditor[]>().notNull().default([]),
});

export const payoutKinds = ["voucher_share", "own_share"] as const;

/**
 * What the programme owes a provider for an approved milestone: the voucher's share of it, and the
 * provider's part of the own share the programme collected (the rest of the price plus VAT).
 */
export const payoutLines = pgTable(
  "payout_lines",
  {
    id: id(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id),
    milestoneId: text("milestone_id").notNull(),
    kind: text("kind").$type<(typeof payoutKinds)[number]>().notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    batchId: text("batch_id").references(() => payoutBatches.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("payout_lines_milestone_kind_idx").on(t.milestoneId, t.kind), index("payout_lines_provider_idx").on(t.providerId, t.batchId), index("payout_lines_engagement_idx").on(t.engagementId)],
);

export const bankLineResults = ["confirmed", "overpaid", "alreadyPaid", "voucherClosed", "amountTooLow", "unknownReference", "noReference", "debitIgnored", "unreadable"] as const;
export type BankLineResult = (typeof bankLineResults)[number];

/**
 * Every bank movement the office uploaded, once, by its fingerprint (a CODA movement's account,
 * statement and sequence; a CSV row's content): the same statement uploaded again changes nothing.
 * Money that came in and cannot be kept (too much, twice, too little) waits here for its refund.
 */
export const bankTransactions = pgTable(
  "bank_transactions",
  {
    fingerprint: text("fingerprint").primaryKey(),
    voucherId: text("voucher_id").references(() => vouchers.id),
    amountCents: bigint("amount_cents", { mode: "number" }),
    communication: text("communication").notNull(),
    counterpartyIban: text("counterparty_iban"),
    counterpartyName: text("counterparty_name").notNull().default(""),
    valueDate: date("value_date"),
    result: text("result").$type<BankLineResult>().notNull(),
    /** What goes back to the payer: an overpayment's excess, a second payment, a payment short of the own share. */
    refundCents: bigint("refund_cents", { mode: "number" }).notNull().default(0),
    uploadedBy: text("uploaded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bank_transactions_voucher_idx").on(t.voucherId)],
);

export const refundMethods = ["transfer", "card"] as const;
/**
 * A refund's course: `due` until it is made; a transfer is `done` when the office sent it (in a SEPA
 * refund file or by hand, with a note); a card refund carries Stripe's own status (`pending`,
 * `requires_action`, `succeeded`, `failed`, `canceled`).
 */
export const refundStatuses = ["due", "done", "pending", "requires_action", "succeeded", "failed", "canceled"] as const;
export type RefundStatus = (typeof refundStatuses)[number];

/** A SEPA file of refunds the office made: what it pays, stored as it was made, so it downloads the same. */
export const refundBatches = pgTable("refund_batches", {
  id: id(),
  createdBy: text("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** The programme accounts it pays from, as they were when it was made. */
  debtors: jsonb("debtors").$type<PayoutDebtor[]>().notNull(),
  totalCents: bigint("total_cents", { mode: "number" }).notNull(),
});

/**
 * Money that goes back to whoever paid it, as work with an end: a bank movement that cannot be
 * kept (too much, twice, too late), the unused own share of an engagement that ended early, a card
 * payment that came when nothing was left to pay. Each is made once and marked with how.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    method: text("method").$type<(typeof refundMethods)[number]>().notNull(),
    /** Why it goes back: a bank line's result, `settlement`, or why a card payment could not be credited. */
    reason: text("reason").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    voucherId: text("voucher_id").references(() => vouchers.id),
    /** The bank movement whose money goes back (a transfer). */
    bankTransaction: text("bank_transaction").references(() => bankTransactions.fingerprint, { onUpdate: "cascade" }),
    /** The card payment refunded through Stripe. */
    paymentId: text("payment_id").references(() => payments.id),
    counterpartyIban: text("counterparty_iban"),
    counterpartyName: text("counterparty_name").notNull().default(""),
    status: text("status").$type<RefundStatus>().notNull().default("due"),
    stripeRefundId: text("stripe_refund_id").unique(),
    batchId: text("batch_id").references(() => refundBatches.id),
    /** How the office made it, when by hand. */
    note: text("note"),
    doneBy: text("done_by").references(() => users.id),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("refunds_open_idx").on(t.method, t.status),
    index("refunds_voucher_idx").on(t.voucherId),
    check("refunds_positive", sql`${t.amountCents} > 0`),
  ],
);
