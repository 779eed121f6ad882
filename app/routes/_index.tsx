import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { getUser, homePathFor } from "~/modules/auth/index.server";
import { getPlatformFigures } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page: the guard only tells us who is looking, to offer the right next step.
  const user = await getUser(request);
  const [figures, locale] = await Promise.all([getPlatformFigures(), getLocale(request, user)]);
  return json({ figures, locale, user: user ? { name: user.name, home: homePathFor(user.role) } : null });
}

export default function HomePage() {
  const { t } = useTranslation();
  const { figures, locale, user } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
        {user ? (
          <p>
            {t("home.welcomeBack", { name: user.name })}{" "}
            <Link className="button" to={user.home}>
              {t("home.goToHome")}
            </Link>
          </p>
        ) : null}
      </section>
      <div className="cards">
        <section className="card" aria-labelledby="for-retailers">
          <h2 id="for-retailers">{t("home.forRetailers")}</h2>
          <p>{t("home.forRetailersText")}</p>
          {user ? null : (
            <Link className="button" to="/registreren">
              {t("home.startAsRetailer")}
            </Link>
          )}
        </section>
        <section className="card" aria-labelledby="for-providers">
          <h2 id="for-providers">{t("home.forProviders")}</h2>
          <p>{t("home.forProvidersText")}</p>
          {user ? null : (
            <Link className="button button-secondary" to="/registreren">
              {t("home.startAsProvider")}
            </Link>
          )}
        </section>
      </div>
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t("home.figures")}</h2>
        <ul className="figures">
          <li>
            <strong>{formatNumber(figures.businesses, locale)}</strong> {t("home.businesses")}
          </li>
          <li>
            <strong>{formatNumber(figures.providers, locale)}</strong> {t("home.providers")}
          </li>
          <li>
            <strong>{formatNumber(figures.municipalities, locale)}</strong> {t("home.municipalities")}
          </li>
        </ul>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Koppel – lokale ondernemers en digitale starters in West-Vlaanderen" },
  {
    name: "description",
    content: "Koppel brengt winkels, B&B's en cafés in West-Vlaanderen samen met ICT-starters en marketingspecialisten, met een voucher van het relanceprogramma.",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
