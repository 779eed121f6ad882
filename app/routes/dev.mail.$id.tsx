import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { requireRole } from "~/modules/auth/index.server";
import { readSentMail } from "~/modules/notifications/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { invariantResponse, notFound } from "~/lib/responses";

/** One message of the mail sink; like the inbox, for the programme office only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  if (env.isProduction) throw notFound();
  const mail = await readSentMail(params.id ?? "");
  invariantResponse(mail);
  return json({ to: mail.to, subject: mail.subject, text: mail.text });
}

export default function DevMailMessage() {
  const { t } = useTranslation();
  const mail = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={mail.subject}>
        {t("mail.to")}: {mail.to}
      </PageHeader>
      <pre className="mail">{mail.text}</pre>
      <p>
        <Link to="/dev/mail">{t("mail.devTitle")}</Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mail – Koppel" }, { name: "robots", content: "noindex" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
