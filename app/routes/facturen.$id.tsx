import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney, formatNumber } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { invariantResponse } from "~/lib/responses";
import { requireRole } from "~/modules/auth/index.server";
import { getInvoiceForViewer } from "~/modules/invoices/index.server";
import { invoiceTotals, type InvoiceParty } from "~/modules/invoices/ubl";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

/** /facturen/<id>: an invoice or credit note as a printable page with its legal mentions, for its parties and the office. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  const invoice = await getInvoiceForViewer(params.id ?? "", user);
  invariantResponse(invoice);
  return json({ id: invoice.id, engagementId: invoice.engagementId, document: invoice.document, totals: invoiceTotals(invoice.document), locale: await getLocale(request, user) });
}

function Party({ title, party }: { title: string; party: InvoiceParty }) {
  const { t } = useTranslation();
  const kbo = party.enterpriseNumber.replace(/^(\d{4})(\d{3})(\d{3})$/, "$1.$2.$3");
  return (
    <section>
      <h2>{title}</h2>
      <p>
        <strong>{party.name}</strong>
        <br />
        {party.street}
        <br />
        {party.postalCode} {party.city}
        <br />
        {t("invoices.enterpriseNumber", { number: kbo })}
        <br />
        {party.vatNumber ? t("invoices.vatNumber", { number: party.vatNumber }) : t("invoices.noVatNumber")}
      </p>
    </section>
  );
}

export default function InvoicePage() {
  const { t } = useTranslation();
  const { engagementId, id, document: doc, totals, locale } = useLoaderData<typeof loader>();
  const money = (cents: number) => formatMoney(cents, locale);
  // A non-breaking space: "21 %" never wraps between the number and its sign.
  const rate = doc.vat.category === "S" ? `${formatNumber(doc.vat.basisPoints / 100, locale)}\u00a0%` : t("invoices.exempt");
  return (
    <article className="report invoice">
      <p className="no-print">
        <Link to={`/trajecten/${engagementId}`}>← {t("invoices.back")}</Link>{" "}
        <a className="button button-secondary" href={`/facturen/${id}.xml`} download>
          {t("invoices.downloadXml")}
        </a>{" "}
        <button type="button" className="button" onClick={() => window.print()}>
          {t("invoices.print")}
        </button>
      </p>
      <h1>
        {t(`invoices.${doc.kind}`)} <span className="nowrap">{doc.number}</span>
      </h1>
      <p>
        {t("invoices.issuedOn")}: {formatDate(doc.issueDate, locale)} · {t("invoices.reference")}: {doc.buyerReference}
        {doc.corrects ? (
          <>
            <br />
            {t("invoices.corrects", { number: doc.corrects.number, date: formatDate(doc.corrects.issueDate, locale) })}
          </>
        ) : null}
      </p>
      <div className="invoice-parties">
        <Party title={t("invoices.seller")} party={doc.seller} />
        <Party title={t("invoices.buyer")} party={doc.buyer} />
      </div>
      <table className="invoice-lines">
        <thead>
          <tr>
            <th scope="col">{t("invoices.description")}</th>
            <th scope="col">{t("invoices.vatRate")}</th>
            <th scope="col">{t("invoices.net")}</th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((line) => (
            <tr key={line.name}>
              <th scope="row">
                <strong>{line.name}</strong>
                <br />
                <span className="hint">{line.description}</span>
              </th>
              <td>{rate}</td>
              <td>{money(line.netCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t("invoices.totalNet")}
            </th>
            <td>{money(totals.netCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              {t("invoices.totalVat")} ({rate})
            </th>
            <td>{money(totals.vatCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              {t("invoices.totalGross")}
            </th>
            <td>
              <strong>{money(totals.grossCents)}</strong>
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              {t("invoices.prepaid")}
            </th>
            <td>{money(totals.prepaidCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              {t("invoices.due")}
            </th>
            <td>
              <strong>{money(totals.dueCents)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <h2>{t("invoices.paymentTerms")}</h2>
      <p>{doc.paymentTerms}</p>
      {/* The legal mentions: third-party invoicing, and the exemption where it applies. */}
      <p className="hint">{doc.note}</p>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.document.number} – Koppel` : "Factuur – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
