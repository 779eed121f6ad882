import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { ContactDetails, contactOf, hasContact } from "~/ui/office-contact";
import { currentSettings } from "~/modules/settings/index.server";

/** Public: everyone may read how their data is handled and whom to ask. */
export async function loader() {
  return json({ contact: contactOf(currentSettings()) });
}

export default function PrivacyPage() {
  const { t } = useTranslation();
  const { contact } = useLoaderData<typeof loader>();
  return (
    <div className="narrow-wide">
      <PageHeader title={t("privacy.title")}>{t("privacy.pageIntro")}</PageHeader>
      <h2>{t("privacy.whatTitle")}</h2>
      <ul>
        {(["item0", "item1", "item2", "item3"] as const).map((key) => (
          <li key={key}>{t(`privacy.what.${key}`)}</li>
        ))}
      </ul>
      <h2>{t("privacy.whyTitle")}</h2>
      <p>{t("privacy.why")}</p>
      <h2>{t("privacy.whoTitle")}</h2>
      <p>{t("privacy.who")}</p>
      <h2>{t("privacy.rightsTitle")}</h2>
      <p>
        {t("privacy.rights")} <Link to="/account">{t("nav.account")}</Link>
      </p>
      <h2>{t("privacy.contactTitle")}</h2>
      {hasContact(contact) ? (
        <p>
          {t("privacy.contactIntro")} <ContactDetails contact={contact} />
        </p>
      ) : (
        <p>{t("privacy.contactMissing")}</p>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Privacy – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
