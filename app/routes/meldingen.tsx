import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireUser } from "~/modules/auth/index.server";
import { readNotices } from "~/modules/notifications/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notices = await readNotices(user.id);
  return json({ notices, locale: await getLocale(request, user) });
}

export default function NoticesPage() {
  const { t } = useTranslation();
  const { notices, locale } = useLoaderData<typeof loader>();
  return (
    <div className="narrow-wide">
      <PageHeader title={t("notices.title")} />
      {notices.length === 0 ? <p>{t("notices.empty")}</p> : null}
      <ul className="notice-list">
        {notices.map((n) => (
          <li key={n.id} className={n.readAt ? "card" : "card unread"}>
            <p>{t(n.messageKey, n.params)}</p>
            <p className="hint">
              {formatDateTime(n.createdAt, locale)}
              {n.link ? (
                <>
                  {" · "}
                  <Link to={n.link}>{t("notices.open")}</Link>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Meldingen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
