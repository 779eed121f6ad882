import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Every route's ErrorBoundary. 404 and 403 get friendly copy; anything else a generic message
 * (the details stay in the server log, never on the page).
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [t("pages.notFoundTitle"), t("pages.notFoundText")]
      : status === 403
        ? [t("pages.forbiddenTitle"), t("pages.forbiddenText")]
        : status === 429
          ? [t("pages.tooManyTitle"), String(isRouteErrorResponse(error) ? error.data : "")]
          : [t("pages.errorTitle"), t("pages.errorText")];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t("pages.backHome")}</Link>
      </p>
    </section>
  );
}
