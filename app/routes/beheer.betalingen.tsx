import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { readUpload } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listOpenTransfers, listRefundsDue, matchBankLines } from "~/modules/engagements/index.server";
import { decodeBankFile, readBankStatement } from "~/modules/payments/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";

/** A month of CODA or CSV for a programme account is a few hundred kilobytes. */
const maxBytes = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [openTransfers, refunds, locale] = await Promise.all([listOpenTransfers(), listRefundsDue(), getLocale(request, admin)]);
  return json({ openTransfers, refunds, locale });
}

/** The bank statement (CODA or CSV): each movement matched by structured communication to the own shares that are due. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const upload = await readUpload(request, maxBytes, { decode: decodeBankFile });
  if (!upload.ok) return json({ errors: [upload.error], problemLine: null, format: null, outcomes: null }, { status: upload.status });
  const statement = readBankStatement(upload.text);
  if (!statement.ok) return json({ errors: [statement.problem], problemLine: statement.line, format: statement.format, outcomes: null }, { status: 400 });
  return json({ errors: null, problemLine: null, format: statement.format, outcomes: await matchBankLines(admin.id, statement.lines) });
}

export default function BankLinesPage() {
  const { t } = useTranslation();
  const { openTransfers, refunds, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const money = (cents: number | null) => (cents === null ? "–" : formatMoney(cents, locale));
  return (
    <div className="narrow-wide">
      <PageHeader title={t("bankLines.title")}>{t("bankLines.intro")}</PageHeader>
      <Form method="post" encType="multipart/form-data">
        <FormErrors errors={data?.errors?.map((e) => (data.problemLine ? t("bankLines.problemAt", { problem: t(e), line: data.problemLine }) : e))} />
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
      {data?.outcomes ? (
        <section aria-labelledby="outcomes-title">
          <h2 id="outcomes-title">{t("bankLines.outcomesTitle", { count: data.outcomes.length, format: data.format === "coda" ? "CODA" : "CSV" })}</h2>
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
              {data.outcomes.map((o) => (
                <tr key={o.line}>
                  <td>{o.line}</td>
                  <td>{o.communication}</td>
                  <td>{money(o.amountCents)}</td>
                  <td>
                    {t(`bankLines.results.${o.result}`)}
                    {o.problem ? ` (${t(o.problem)})` : null}
                    {o.refundCents > 0 ? ` ${t("bankLines.refund", { amount: money(o.refundCents) })}` : null}
                    {o.earlier ? ` ${t("bankLines.earlier")}` : null}
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
      {refunds.length > 0 ? (
        <section aria-labelledby="refunds-title">
          <h2 id="refunds-title">{t("bankLines.refundsTitle")}</h2>
          <Table>
            <thead>
              <tr>
                <th scope="col">{t("bankLines.counterparty")}</th>
                <th scope="col">{t("bankLines.refundAmount")}</th>
                <th scope="col">{t("bankLines.communication")}</th>
                <th scope="col">{t("bankLines.result")}</th>
              </tr>
            </thead>
            <tbody>
              {refunds.map((r) => (
                <tr key={r.fingerprint}>
                  <td>
                    {r.counterpartyName} {r.counterpartyIban}
                  </td>
                  <td>{money(r.refundCents)}</td>
                  <td>{r.communication}</td>
                  <td>{t(`bankLines.results.${r.result}`)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Betalingen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
