import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import type { Locale } from "~/lib/i18n";

type InvoiceSummary = { id: string; kind: string; number: string; issuedOn: string; grossCents: number; seller?: string; business?: string };

/** Invoices and credit notes as a short list: the engagement page's, and the retailer's dashboard's (with the parties). */
export function InvoiceList({ invoices, locale }: { invoices: InvoiceSummary[]; locale: Locale }) {
  const { t } = useTranslation();
  if (invoices.length === 0) return null;
  return (
    <section aria-labelledby="invoices-title">
      <h2 id="invoices-title">{t("invoices.title")}</h2>
      <ul>
        {invoices.map((i) => (
          <li key={i.id}>
            <Link to={`/facturen/${i.id}`}>
              {t(`invoices.${i.kind}`)} {i.number}
            </Link>
            {[i.seller, i.business, formatDate(i.issuedOn, locale), formatMoney(i.grossCents, locale)].filter(Boolean).map((part) => ` · ${part}`)} ·{" "}
            <a href={`/facturen/${i.id}.xml`} download>
              UBL
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
