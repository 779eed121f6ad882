import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export default function AboutPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow-wide">
      <PageHeader title={t("about.title")}>{t("about.text")}</PageHeader>
      <h2>{t("about.sourcesTitle")}</h2>
      <p>{t("about.statbel")}</p>
      <p>
        {t("about.osm")} (
        <a href="https://www.openstreetmap.org/copyright" rel="license">
          openstreetmap.org/copyright
        </a>
        )
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Over Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
