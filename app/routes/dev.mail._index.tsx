import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { formatDateTime } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listSentMail } from "~/modules/notifications/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";
import { notFound } from "~/lib/responses";

/**
 * The mail sink's inbox, for the programme office only: it holds every password link Koppel sent.
 * A development tool: it does not exist in production.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  if (env.isProduction) throw notFound();
  const mails = await listSentMail();
  return json({
    locale: await getLocale(request, user),
    mails: mails.map(({ id, to, subject, date }) => ({ id, to, subject, date: date.toISOString() })),
  });
}

export default function DevMailPage() {
  const { t } = useTranslation();
  const { mails, locale } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("mail.devTitle")}>{t("mail.devIntro")}</PageHeader>
      {mails.length === 0 ? (
        <p>{t("mail.devEmpty")}</p>
      ) : (
        <Table>
            <thead>
              <tr>
                <th scope="col">{t("mail.date")}</th>
                <th scope="col">{t("mail.to")}</th>
                <th scope="col">{t("mail.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.date, locale)}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/dev/mail/${m.id}`}>{m.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Verzonden mails – Koppel" }, { name: "robots", content: "noindex" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
