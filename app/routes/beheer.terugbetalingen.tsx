import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { parseFields, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { createRefundBatch, listRefunds, markRefundDone, paymentsKind } from "~/modules/payments/index.server";
import { formatIban } from "~/modules/profiles/iban";
import { ConfirmButton } from "~/ui/confirm-button";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { RowAction } from "~/ui/row-action";
import { Table } from "~/ui/table";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [refunds, locale] = await Promise.all([listRefunds(), getLocale(request, admin)]);
  return json({ ...refunds, paymentsKind, locale });
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("make-file") }),
  z.object({ intent: z.literal("mark-done"), refundId: z.string().uuid(), note: z.string().max(500).default("") }),
]);

/** Two forms, told apart by `intent`: one SEPA file of every due transfer, or one refund marked done by hand. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = parseFields(await readFormData(request), ActionSchema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  if (parsed.value.intent === "make-file") {
    const made = await createRefundBatch(admin.id);
    if (!made.ok) return json({ errors: ["refunds.nothingToRefund"] }, { status: 409 });
    return redirectWithToast("/beheer/terugbetalingen", { key: "refunds.fileMade" });
  }
  const done = await markRefundDone(admin.id, parsed.value.refundId, parsed.value.note);
  if (!done.ok) return json({ errors: [done.error === "noteRequired" ? "refunds.noteRequired" : "refunds.notAllowed"] }, { status: done.error === "noteRequired" ? 400 : 409 });
  return redirectWithToast("/beheer/terugbetalingen", { key: "refunds.done" });
}

export default function RefundsPage() {
  const { t } = useTranslation();
  const { transfersDue, cardOpen, made, batches, paymentsKind, locale } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const money = (cents: number) => formatMoney(cents, locale);
  const inFile = transfersDue.filter((r) => r.ibanValid);
  const inFileTotal = money(inFile.reduce((sum, r) => sum + r.amountCents, 0));
  const reason = (key: string) => t(`refunds.reasons.${key}`, { defaultValue: t("refunds.reasons.legacy") });
  return (
    <div className="wide-table">
      <PageHeader title={t("refunds.title")}>{t("refunds.intro")}</PageHeader>
      <FormErrors errors={failed?.errors} />
      <section aria-labelledby="transfers-title">
        <h2 id="transfers-title">{t("refunds.transfersTitle")}</h2>
        {transfersDue.length === 0 ? (
          <p>{t("refunds.transfersEmpty")}</p>
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <th scope="col">{t("refunds.payer")}</th>
                  <th scope="col">{t("refunds.amount")}</th>
                  <th scope="col">{t("refunds.reason")}</th>
                  <th scope="col">{t("refunds.since")}</th>
                  <th scope="col">{t("refunds.byHand")}</th>
                </tr>
              </thead>
              <tbody>
                {transfersDue.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.counterpartyName}
                      <br />
                      {r.ibanValid ? formatIban(r.counterpartyIban ?? "") : <strong>{t("refunds.noIban")}</strong>}
                    </th>
                    <td>{money(r.amountCents)}</td>
                    <td>{reason(r.reason)}</td>
                    <td>{formatDate(r.createdAt, locale, { dateStyle: "medium" })}</td>
                    <td>
                      <RowAction
                        summary={t("refunds.markDone")}
                        fields={{ intent: "mark-done", refundId: r.id }}
                        note={{ name: "note", id: `note-${r.id}`, label: t("refunds.noteLabel"), hint: t("refunds.noteHint") }}
                        submit={t("refunds.markDoneSubmit")}
                        busy={navigation.state === "submitting"}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {inFile.length > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="make-file" />
                <ConfirmButton disabled={navigation.state === "submitting"} question={t("refunds.makeFileQuestion")}>
                  {t("refunds.makeFile", { count: inFile.length, amount: inFileTotal })}
                </ConfirmButton>
              </Form>
            ) : null}
          </>
        )}
      </section>
      {/* Card refunds only where cards are taken (or one is still open from when they were). */}
      {paymentsKind === "stripe" || cardOpen.length > 0 ? (
        <section aria-labelledby="card-title">
          <h2 id="card-title">{t("refunds.cardTitle")}</h2>
          {cardOpen.length === 0 ? (
            <p>{t("refunds.cardEmpty")}</p>
          ) : (
            <Table>
              <thead>
                <tr>
                  <th scope="col">{t("refunds.amount")}</th>
                  <th scope="col">{t("refunds.reason")}</th>
                  <th scope="col">{t("refunds.status")}</th>
                  <th scope="col">{t("refunds.since")}</th>
                </tr>
              </thead>
              <tbody>
                {cardOpen.map((r) => (
                  <tr key={r.id}>
                    <td>{money(r.amountCents)}</td>
                    <td>{reason(r.reason)}</td>
                    <td>{t(`refunds.statuses.${r.status}`)}</td>
                    <td>{formatDate(r.createdAt, locale, { dateStyle: "medium" })}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      ) : null}
      {batches.length > 0 ? (
        <section aria-labelledby="files-title">
          <h2 id="files-title">{t("refunds.files")}</h2>
          <ul>
            {batches.map((b) => (
              <li key={b.id}>
                <a href={`/beheer/terugbetalingen/${b.id}.xml`}>{t("refunds.download", { date: formatDateTime(b.createdAt, locale), amount: money(b.totalCents) })}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {made.length > 0 ? (
        <section aria-labelledby="made-title">
          <h2 id="made-title">{t("refunds.madeTitle")}</h2>
          <ul>
            {made.map((r) => (
              <li key={r.id}>
                {money(r.amountCents)} · {r.counterpartyName || reason(r.reason)} · {t(`refunds.statuses.${r.status}`)}
                {r.doneAt ? ` · ${formatDateTime(r.doneAt, locale)}` : null}
                {r.note ? ` · ${r.note}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Terugbetalingen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
