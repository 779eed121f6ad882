import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SerializeFrom } from "@remix-run/node";
import { plainEuros } from "~/lib/money";
import { formatDate, formatMoney } from "~/lib/format";
import type { Locale } from "~/lib/i18n";
import type { loader } from "./route";
import { formatIban } from "~/modules/profiles/iban";
import { CopyField } from "~/ui/copy-field";

type Data = SerializeFrom<typeof loader>;

/** The voucher and own share: amounts, payment instructions, and the programme office's buttons. */
export function VoucherSection({
  voucher,
  role,
  onlinePayment,
  paymentReturn,
  paymentQr,
  decisionFacts,
  businessName,
  locale,
}: Pick<Data, "voucher" | "role" | "onlinePayment" | "paymentReturn" | "paymentQr" | "decisionFacts"> & { businessName: string; locale: Locale }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="voucher-title">
      <h2 id="voucher-title">{t("voucher.title")}</h2>
      {paymentReturn ? (
        <p className="toast" role="status">
          {t(paymentReturn === "ok" ? "voucher.paymentReturned" : "voucher.paymentCancelled")}
        </p>
      ) : null}
      {voucher ? (
        <>
          <p>
            {t("voucher.programme")}: {voucher.programme}
            <br />
            {t("voucher.amount")}: <strong>{formatMoney(voucher.voucher.amountCents, locale)}</strong> · {t(role === "retailer" ? "voucher.ownShare" : "voucher.ownShareOfBusiness")}:{" "}
            <strong>{formatMoney(voucher.voucher.ownShareCents, locale)}</strong>
            <br />
            <strong>{t(`voucher.status.${voucher.voucher.status}`)}</strong>
            {voucher.voucher.decisionReason ? ` — ${voucher.voucher.decisionReason}` : null}
            {voucher.voucher.decidedAt && role !== "provider" && voucher.voucher.status !== "expired" ? (
              <>
                {" · "}
                <Link to={`/trajecten/${voucher.voucher.engagementId}/beslissing`}>{t("voucher.letter", { dossier: voucher.voucher.dossierNumber ?? "" })}</Link>
              </>
            ) : null}
            {role === "admin" ? (
              <>
                {" · "}
                <a href={`/beheer/vouchers/${voucher.voucher.id}/dossier.zip`} download>
                  {t("voucher.evidence")}
                </a>
              </>
            ) : null}
          </p>
          {voucher.voucher.eligibilityIssues.length && role === "admin" ? (
            <div className="notice">
              <p>{t("voucher.issues")}</p>
              <ul>
                {voucher.voucher.eligibilityIssues.map((issue) => (
                  <li key={issue}>{t(`voucher.issue.${issue}`)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {voucher.voucher.relatedParty.length && role === "admin" ? (
            <div className="notice" role="note">
              <p>
                <strong>{t("voucher.relatedParty")}</strong>: {voucher.voucher.relatedParty.map((r) => t(`voucher.relatedPartyReason.${r}`)).join(", ")}.
              </p>
              {voucher.voucher.approvalJustification ? <p>{t("voucher.justified", { text: voucher.voucher.approvalJustification })}</p> : <p>{t("voucher.relatedPartyIntro")}</p>}
            </div>
          ) : null}
          {voucher.voucher.status === "approved" && !voucher.voucher.paidAt && role === "retailer" ? (
            <div className="card payment-card">
              <h3>{t("voucher.payTitle")}</h3>
              <p>
                {t("voucher.payTo", {
                  amount: formatMoney(voucher.voucher.ownShareCents, locale),
                  iban: formatIban(voucher.iban),
                  reference: voucher.voucher.paymentReference,
                  date: voucher.voucher.paymentDueOn ? formatDate(voucher.voucher.paymentDueOn, locale) : "",
                })}
              </p>
              {/* Each detail on its own line, to copy into a banking app; or the code it scans. */}
              <div className="payment-details">
                <div>
                  <CopyField id="pay-beneficiary" label={t("voucher.beneficiary")} value={voucher.programme} />
                  <CopyField id="pay-iban" label={t("voucher.iban")} value={formatIban(voucher.iban)} />
                  {/* The number alone, as a banking app's amount field takes it. */}
                  <CopyField id="pay-amount" label={t("voucher.payAmountEuro")} value={plainEuros(voucher.voucher.ownShareCents)} />
                  <CopyField id="pay-reference" label={t("voucher.reference")} value={voucher.voucher.paymentReference ?? ""} />
                  <p>
                    {t("voucher.dueOn")}: <strong>{voucher.voucher.paymentDueOn ? formatDate(voucher.voucher.paymentDueOn, locale) : "–"}</strong>
                  </p>
                </div>
                {paymentQr ? (
                  <figure className="payment-qr">
                    {/* The SVG comes from the qrcode library, fed only the transfer's own details. */}
                    <div role="img" aria-label={t("voucher.qrLabel")} dangerouslySetInnerHTML={{ __html: paymentQr }} />
                    <figcaption>{t("voucher.qrCaption")}</figcaption>
                  </figure>
                ) : null}
              </div>
              {onlinePayment ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="payOnline" />
                  <button type="submit" disabled={busy}>
                    {t("voucher.payOnline")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
          {/* Whose money it is, said to each: the retailer's receipt; the provider's funding, not their pay. */}
          {voucher.voucher.paidAt ? (
            <p>
              {t(`voucher.paidFor.${role}`, {
                amount: formatMoney(voucher.voucher.ownShareCents, locale),
                date: formatDate(voucher.voucher.paidAt, locale),
                business: businessName,
              })}{" "}
              {role === "provider" ? <Link to="/aanbieder/verdiensten">{t("voucher.seeEarnings")}</Link> : null}
            </p>
          ) : null}
          {role === "admin" && voucher.voucher.status === "requested" && decisionFacts ? <DecisionFacts facts={decisionFacts} locale={locale} /> : null}
          {role === "admin" && voucher.voucher.status === "requested" ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="approveVoucher" />
                <input type="hidden" name="voucherId" value={voucher.voucher.id} />
                {voucher.voucher.relatedParty.length ? (
                  <div className="field">
                    <label htmlFor="voucher-justification">{t("voucher.justification")}</label>
                    <textarea id="voucher-justification" name="justification" rows={3} minLength={20} maxLength={2000} required />
                  </div>
                ) : null}
                <button type="submit" disabled={busy}>
                  {t("voucher.approve")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="rejectVoucher" />
                <input type="hidden" name="voucherId" value={voucher.voucher.id} />
                <div className="field">
                  <label htmlFor="voucher-reason">{t("voucher.rejectReason")}</label>
                  <textarea id="voucher-reason" name="reason" rows={2} maxLength={1000} required />
                </div>
                <button type="submit" className="button-danger" disabled={busy}>
                  {t("voucher.reject")}
                </button>
              </Form>
            </>
          ) : null}
          {role === "admin" && voucher.voucher.status === "approved" && !voucher.voucher.paidAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirmPayment" />
              <input type="hidden" name="voucherId" value={voucher.voucher.id} />
              <button type="submit" disabled={busy}>
                {t("voucher.confirmPayment")}
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <p>{t("voucher.none")}</p>
      )}
    </section>
  );
}

/** Everything the office weighs before deciding, beside the buttons: no decision made blind. */
function DecisionFacts({ facts, locale }: { facts: NonNullable<Data["decisionFacts"]>; locale: Locale }) {
  const { t } = useTranslation();
  const money = (cents: number) => formatMoney(cents, locale);
  return (
    <div className="card decision-facts">
      <h3>{t("voucher.facts.title", { dossier: facts.dossierNumber ?? "–" })}</h3>
      <p className={facts.overdue ? "notice" : undefined}>
        {t(facts.overdue ? "voucher.facts.overdue" : "voucher.facts.decideBy", { date: formatDate(facts.decideBy, locale), count: Math.abs(facts.workingDaysLeft) })}
      </p>
      <dl>
        <dt>{t("voucher.facts.checks")}</dt>
        <dd>
          <ul>
            {facts.checks.map((c) => (
              <li key={c.check}>
                {c.passed ? "✓" : "✗"} {t(`voucher.facts.check.${c.check}`)}
                {c.passed ? null : <strong> — {t(`voucher.issue.${c.check}`)}</strong>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("voucher.relatedParty")}</dt>
        <dd>{facts.relatedParty.length ? facts.relatedParty.map((r) => t(`voucher.relatedPartyReason.${r}`)).join(", ") : t("voucher.facts.noRelatedParty")}</dd>
        <dt>{t("voucher.facts.enterprises")}</dt>
        <dd>{t("voucher.facts.enterprisesValue", { business: facts.businessEnterprise ?? "–", provider: facts.providerEnterprise ?? "–" })}</dd>
        <dt>{t("voucher.facts.declaration")}</dt>
        <dd>{t("voucher.facts.declaredOn", { date: formatDate(facts.declaredAt, locale) })}</dd>
        <dt>{t("voucher.facts.split")}</dt>
        <dd>
          {t("voucher.facts.splitValue", { price: money(facts.priceCents), vat: money(facts.vatCents), voucher: money(facts.voucherCents), ownShare: money(facts.ownShareCents) })}
        </dd>
        <dt>{t("voucher.facts.budget")}</dt>
        <dd className={facts.availableAfterCents < 0 ? "notice" : undefined}>
          {t("voucher.facts.budgetValue", { now: money(facts.availableCents), after: money(facts.availableAfterCents) })}
        </dd>
      </dl>
    </div>
  );
}
