import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { createPayoutBatch, listPayables, listPayoutBatches } from "~/modules/payments/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";
import { ConfirmButton } from "~/ui/confirm-button";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [payables, batches, locale] = await Promise.all([listPayables(), listPayoutBatches(), getLocale(request, admin)]);
  return json({ payables, batches, locale });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const result = await createPayoutBatch(admin.id);
  if (!result.ok) return json({ errors: ["payouts.nothingToPay"] }, { status: 409 });
  return redirectWithToast("/beheer/uitbetalingen", { key: "payouts.batchCreated" });
}

export default function PayoutsPage() {
  const { t } = useTranslation();
  const { payables, batches, locale } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const ready = payables.filter((p) => p.ibanValid);
  const waiting = payables.length - ready.length;
  const readyLines = ready.reduce((sum, p) => sum + p.lines, 0);
  const readyTotal = formatMoney(ready.reduce((sum, p) => sum + p.totalCents, 0), locale);
  return (
    <div className="wide-table">
      <PageHeader title={t("payouts.title")}>{t("payouts.intro")}</PageHeader>
      <FormErrors errors={failed?.errors} />
      <h2>{t("payouts.owed")}</h2>
      {payables.length === 0 ? (
        <p>{t("payouts.none")}</p>
      ) : (
        <>
          <Table>
              <thead>
                <tr>
                  <th scope="col">{t("requests.provider")}</th>
                  <th scope="col">{t("provider.iban")}</th>
                  <th scope="col">{t("payouts.lines")}</th>
                  <th scope="col">{t("payouts.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {payables.map((p) => (
                  <tr key={p.providerId}>
                    <th scope="row">{p.name}</th>
                    <td>{p.ibanValid ? p.iban : <strong>{t("payouts.noIban")}</strong>}</td>
                    <td>{p.lines}</td>
                    <td>{formatMoney(p.totalCents, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          {waiting > 0 ? <p className="notice">{t("payouts.waiting", { count: waiting })}</p> : null}
          {readyLines > 0 ? (
            <Form method="post">
              <ConfirmButton disabled={navigation.state === "submitting"} question={t("payouts.confirmPay", { count: readyLines, amount: readyTotal })}>
                {t("payouts.pay", { count: readyLines, amount: readyTotal })}
              </ConfirmButton>
            </Form>
          ) : null}
        </>
      )}
      <h2>{t("payouts.batches")}</h2>
      <ul>
        {batches.map((b) => (
          <li key={b.id}>
            {formatDateTime(b.paidAt, locale)} · {formatMoney(b.totalCents, locale)} · <a href={`/beheer/uitbetalingen/${b.id}/sepa`}>SEPA (pain.001)</a> ·{" "}
            <a href={`/beheer/uitbetalingen/${b.id}/csv`}>CSV</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Uitbetalingen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
