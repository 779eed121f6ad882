import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime, formatMoney } from "~/lib/format";
import { parseFields, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { invariantResponse } from "~/lib/responses";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { confirmIbanChange } from "~/modules/profiles/index.server";
import { formatIban } from "~/modules/profiles/iban";
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

const ConfirmIbanSchema = z.object({ intent: z.literal("confirm-iban"), providerId: z.string().uuid() });

/** Two forms, told apart by `intent`: confirm a provider's changed IBAN, or pay what is ready. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await readFormData(request);
  if (form.get("intent") === "confirm-iban") {
    const parsed = parseFields(form, ConfirmIbanSchema);
    if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
    invariantResponse(await confirmIbanChange(admin.id, parsed.value.providerId));
    return redirectWithToast("/beheer/uitbetalingen", { key: "payouts.ibanConfirmed" });
  }
  const result = await createPayoutBatch(admin.id);
  if (!result.ok) return json({ errors: ["payouts.nothingToPay"] }, { status: 409 });
  return redirectWithToast("/beheer/uitbetalingen", { key: "payouts.batchCreated" });
}

export default function PayoutsPage() {
  const { t } = useTranslation();
  const { payables, batches, locale } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const ready = payables.filter((p) => p.ready);
  const waiting = payables.filter((p) => !p.ibanValid).length;
  const held = payables.filter((p) => p.ibanValid && !p.ready).length;
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
                    <th scope="row">
                      {/* What the total is made of, per engagement and milestone. */}
                      <details>
                        <summary>{p.name}</summary>
                        <ul className="payout-detail">
                          {p.detail.map((l) => (
                            <li key={`${l.engagementId}-${l.position}-${l.kind}`}>
                              <Link to={`/trajecten/${l.engagementId}`}>{l.business}</Link> · {t("workspace.milestone", { position: l.position, phase: t(`requests.${l.phase}`) })} ·{" "}
                              {t(`exportLabels.payoutKind.${l.kind}`)} · {formatMoney(l.amountCents, locale)}
                            </li>
                          ))}
                        </ul>
                      </details>
                    </th>
                    <td className="nowrap-iban">
                      {p.ibanValid ? formatIban(p.iban ?? "") : <strong>{t("payouts.noIban")}</strong>}
                      {p.ibanValid && p.ibanHoldSince ? (
                        <Form method="post" className="iban-hold">
                          <p className="notice">{t("payouts.ibanHeld", { date: formatDateTime(p.ibanHoldSince, locale) })}</p>
                          {p.ibanOfCustomers.length > 0 ? <p className="notice">{t("payouts.ibanOfCustomers", { businesses: p.ibanOfCustomers.join(", ") })}</p> : null}
                          <input type="hidden" name="intent" value="confirm-iban" />
                          <input type="hidden" name="providerId" value={p.providerId} />
                          <ConfirmButton className="button-secondary button" question={t("payouts.confirmIbanQuestion", { provider: p.name, iban: formatIban(p.iban ?? "") })} disabled={navigation.state === "submitting"}>
                            {t("payouts.confirmIban")}
                          </ConfirmButton>
                        </Form>
                      ) : null}
                    </td>
                    <td>{p.lines}</td>
                    <td>{formatMoney(p.totalCents, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          {waiting > 0 ? <p className="notice">{t("payouts.waiting", { count: waiting })}</p> : null}
          {held > 0 ? <p className="notice">{t("payouts.held", { count: held })}</p> : null}
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
