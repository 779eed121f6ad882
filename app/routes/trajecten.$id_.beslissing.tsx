import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney, formatNumber } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { invariantResponse } from "~/lib/responses";
import { requireRole } from "~/modules/auth/index.server";
import { getDecisionLetter } from "~/modules/engagements/index.server";
import { formatIban } from "~/modules/profiles/iban";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

/** /trajecten/<id>/beslissing: the voucher decision as a letter, to print or keep; the retailer's and the office's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["retailer", "admin"]);
  const letter = await getDecisionLetter(params.id ?? "", user);
  invariantResponse(letter);
  return json({ letter, engagementId: params.id ?? "", locale: await getLocale(request, user) });
}

export default function DecisionLetter() {
  const { t } = useTranslation();
  const { letter, engagementId, locale } = useLoaderData<typeof loader>();
  const money = (cents: number) => formatMoney(cents, locale);
  return (
    <article className="report decision-letter">
      <p className="no-print">
        <Link to={`/trajecten/${engagementId}`}>← {t("letter.back")}</Link>{" "}
        <button type="button" className="button" onClick={() => window.print()}>
          {t("office.print")}
        </button>
      </p>
      <p>
        {letter.programme}
        <br />
        {t("letter.dossier", { dossier: letter.dossierNumber ?? "–" })} · {formatDate(letter.decidedOn, locale)}
      </p>
      <p>
        {letter.business}
        {letter.address ? <br /> : null}
        {letter.address}
      </p>
      <h1>{t(letter.approved ? "letter.titleApproved" : "letter.titleRejected")}</h1>
      <p>{t("letter.about", { provider: letter.provider, price: money(letter.priceCents) })}</p>
      {letter.tacit ? <p>{t("letter.tacit")}</p> : null}
      {letter.approved ? (
        <>
          <p>
            {t("letter.approved", {
              voucher: money(letter.voucherCents),
              rate: formatNumber(letter.rateBasisPoints / 100, locale),
              ownShare: money(letter.ownShareCents),
            })}
          </p>
          {letter.payment ? (
            <p>
              {t("letter.pay", {
                amount: money(letter.ownShareCents),
                iban: formatIban(letter.payment.iban),
                reference: letter.payment.reference ?? "",
                date: letter.payment.dueOn ? formatDate(letter.payment.dueOn, locale) : "",
              })}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>{t("letter.rejected")}</p>
          <p>
            <strong>{t("letter.reason")}</strong> {letter.reason}
          </p>
          <p>{t("letter.objection")}</p>
        </>
      )}
      <p>{t("letter.closing")}</p>
    </article>
  );
}

export const meta: MetaFunction = () => [{ title: "Beslissing over je voucher – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
