import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { parseFields, readFormData, readUpload } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listOpenTransfers, matchBankLines } from "~/modules/engagements/index.server";
import { countRefundsWaiting, decodeBankFile, listStripeProblems, readBankStatement, resolveStripeProblem } from "~/modules/payments/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { RowAction } from "~/ui/row-action";
import { Table } from "~/ui/table";

/**
 * A month of CODA or CSV for a programme account is a few hundred kilobytes, a year a few megabytes;
 * the movements in one upload are capped as well (maxMovementsPerUpload), since CSV lines are short.
 */
const maxBytes = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [openTransfers, refundsWaiting, stripeProblems, locale] = await Promise.all([listOpenTransfers(), countRefundsWaiting(), listStripeProblems(), getLocale(request, admin)]);
  return json({ openTransfers, refundsWaiting, stripeProblems, locale });
}

const ResolveSchema = z.object({ intent: z.literal("resolve-stripe"), eventId: z.string().min(1).max(255), resolution: z.string().max(500).default("") });

/**
 * Two forms: the bank statement (CODA or CSV, a file), each movement matched by structured
 * communication to the own shares that are due; or a message from Stripe marked resolved.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const parsed = parseFields(await readFormData(request), ResolveSchema);
    if (!parsed.ok) return json({ errors: parsed.errors, problemLine: null, format: null, summary: null }, { status: 400 });
    const resolved = await resolveStripeProblem(admin.id, parsed.value.eventId, parsed.value.resolution);
    if (!resolved.ok) return json({ errors: [resolved.error === "noteRequired" ? "refunds.noteRequired" : "refunds.notAllowed"], problemLine: null, format: null, summary: null }, { status: 400 });
    return redirectWithToast("/beheer/betalingen", { key: "bankLines.resolved" });
  }
  const upload = await readUpload(request, maxBytes, { decode: decodeBankFile });
  if (!upload.ok) return json({ errors: [upload.error], problemLine: null, format: null, summary: null }, { status: upload.status });
  const statement = readBankStatement(upload.text);
  if (!statement.ok) return json({ errors: [statement.problem], problemLine: statement.line, format: statement.format, summary: null }, { status: 400 });
  const summary = await matchBankLines(admin.id, statement.lines);
  if (!summary.ok) return json({ errors: ["bankLines.problems.tooManyMovements"], problemLine: null, format: statement.format, summary: null }, { status: 413 });
  return json({ errors: null, problemLine: null, format: statement.format, summary });
}

export default function BankLinesPage() {
  const { t } = useTranslation();
  const { openTransfers, refundsWaiting, stripeProblems, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const money = (cents: number | null) => (cents === null ? "–" : formatMoney(cents, locale));
  const errorText = (e: string) => (data?.problemLine ? t("bankLines.problemAt", { problem: t(e), line: data.problemLine }) : e);
  const summary = data?.summary;
  return (
    <div className="narrow-wide">
      <PageHeader title={t("bankLines.title")}>{t("bankLines.intro")}</PageHeader>
      {refundsWaiting > 0 ? (
        <p className="notice">
          <Link to="/beheer/terugbetalingen">{t("bankLines.refundsLink", { count: refundsWaiting })}</Link>
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <FormErrors errors={data?.errors?.map(errorText)} />
        <div className="field">
          <label htmlFor="bank-file">{t("bankLines.file")}</label>
          <input id="bank-file" type="file" name="file" accept=".cod,.coda,.txt,.csv,text/csv,text/plain" required aria-describedby="bank-file-hint" />
          <p className="hint" id="bank-file-hint">
            {t("bankLines.fileHint")}
          </p>
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("bankLines.submit")}
        </button>
      </Form>
      {summary ? (
        <section aria-labelledby="outcomes-title">
          <h2 id="outcomes-title">{t("bankLines.outcomesTitle", { count: summary.read, format: data?.format === "coda" ? "CODA" : "CSV" })}</h2>
          <p>
            {t("bankLines.recorded", { count: summary.recorded })} {summary.earlier > 0 ? t("bankLines.earlierCount", { count: summary.earlier }) : null}
          </p>
          {summary.results.length > 0 ? (
            <Table>
              <thead>
                <tr>
                  <th scope="col">{t("bankLines.result")}</th>
                  <th scope="col">{t("bankLines.count")}</th>
                  <th scope="col">{t("payouts.amount")}</th>
                  <th scope="col">{t("bankLines.refundAmount")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.results.map((r) => (
                  <tr key={r.result}>
                    <th scope="row">{t(`bankLines.results.${r.result}`)}</th>
                    <td>{r.count}</td>
                    <td>{money(r.amountCents)}</td>
                    <td>{r.refundCents > 0 ? money(r.refundCents) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          {summary.attention.length > 0 ? (
            <>
              <h3>{t("bankLines.attentionTitle")}</h3>
              <Table>
                <thead>
                  <tr>
                    <th scope="col">{t("import.row")}</th>
                    <th scope="col">{t("bankLines.communication")}</th>
                    <th scope="col">{t("payouts.amount")}</th>
                    <th scope="col">{t("bankLines.result")}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.attention.map((o) => (
                    <tr key={o.line}>
                      <td>{o.line}</td>
                      <td>{o.communication}</td>
                      <td>{money(o.amountCents)}</td>
                      <td>
                        {t(`bankLines.results.${o.result}`)}
                        {o.problem ? ` (${t(o.problem)})` : null}
                        {o.refundCents > 0 ? ` ${t("bankLines.refund", { amount: money(o.refundCents) })}` : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {summary.attentionNotListed > 0 ? <p>{t("bankLines.attentionNotListed", { count: summary.attentionNotListed })}</p> : null}
            </>
          ) : null}
        </section>
      ) : null}
      {stripeProblems.length > 0 ? (
        <section aria-labelledby="stripe-problems">
          <h2 id="stripe-problems">{t("bankLines.stripeTitle")}</h2>
          <p>{t("bankLines.stripeIntro")}</p>
          <Table>
            <thead>
              <tr>
                <th scope="col">{t("bankLines.result")}</th>
                <th scope="col">{t("bankLines.stripeObject")}</th>
                <th scope="col">{t("refunds.since")}</th>
                <th scope="col">{t("bankLines.resolution")}</th>
              </tr>
            </thead>
            <tbody>
              {stripeProblems.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {t(`bankLines.stripeProblems.${p.problem}`)}
                    {p.engagementId ? (
                      <>
                        {" "}
                        <Link to={`/trajecten/${p.engagementId}`}>{t("bankLines.openEngagement")}</Link>
                      </>
                    ) : null}
                  </th>
                  <td>
                    {p.objectId ?? p.id}
                    {p.amountCents !== null ? ` · ${money(p.amountCents)}` : null}
                  </td>
                  <td>{formatDateTime(p.receivedAt, locale)}</td>
                  <td>
                    <RowAction
                      summary={t("bankLines.resolve")}
                      fields={{ intent: "resolve-stripe", eventId: p.id }}
                      note={{ name: "resolution", id: `resolution-${p.id}`, label: t("bankLines.resolution") }}
                      submit={t("bankLines.resolveSubmit")}
                      busy={navigation.state === "submitting"}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ) : null}
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t("bankLines.openTitle")}</h2>
        {openTransfers.length === 0 ? (
          <p>{t("bankLines.openEmpty")}</p>
        ) : (
          <Table>
            <thead>
              <tr>
                <th scope="col">{t("bankLines.business")}</th>
                <th scope="col">{t("payouts.amount")}</th>
                <th scope="col">{t("bankLines.communication")}</th>
                <th scope="col">{t("bankLines.dueOn")}</th>
              </tr>
            </thead>
            <tbody>
              {openTransfers.map((o) => (
                <tr key={o.voucherId}>
                  <td>{o.business}</td>
                  <td>{money(o.amountCents)}</td>
                  <td>{o.paymentReference}</td>
                  <td>{o.dueOn ? formatDate(o.dueOn, locale, { dateStyle: "medium" }) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Betalingen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
