import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { listMunicipalities } from "~/modules/campaigns/index.server";
import { getProviderOfUser, saveProviderProfile } from "~/modules/profiles/index.server";
import { formatEnterpriseNumber } from "~/modules/profiles/enterprise-number";
import { formatIban } from "~/modules/profiles/iban";
import { ProviderSchema } from "~/modules/profiles/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { ProviderForm } from "./provider-form";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const [provider, municipalities] = await Promise.all([getProviderOfUser(user.id), listMunicipalities()]);
  const defaultValue = provider
    ? {
        companyName: provider.companyName,
        enterpriseNumber: formatEnterpriseNumber(provider.enterpriseNumber),
        foundedOn: provider.foundedOn,
        kind: provider.kind,
        services: provider.services,
        sectors: provider.sectors,
        baseNisCode: provider.baseNisCode,
        radiusKm: String(provider.radiusKm),
        serviceNisCodes: provider.serviceNisCodes,
        languages: provider.languages,
        hourlyRate: (provider.hourlyRateCents / 100).toFixed(2).replace(".", ","),
        capacity: String(provider.capacity),
        bio: provider.bio,
        portfolioLinks: provider.portfolioLinks.join("\n"),
        iban: provider.iban ? formatIban(provider.iban) : "",
        vatNumber: provider.vatNumber ?? "",
        conflictEnterpriseNumbers: provider.conflictEnterpriseNumbers.map(formatEnterpriseNumber).join("\n"),
        // Declared once, renewed with every save: the box starts ticked for a returning provider.
        conflictDeclaration: provider.conflictDeclaredAt ? "on" : undefined,
        vatStatus: provider.vatStatus,
        billingMandate: provider.billingMandateAt ? "on" : undefined,
      }
    : { kind: "ict", languages: ["nl"], radiusKm: "25", capacity: "2", vatStatus: "registered" };
  return json({ defaultValue, municipalities, exists: Boolean(provider) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "provider");
  const submission = parseSubmission(await readFormData(request), ProviderSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await saveProviderProfile(user.id, submission.value);
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return redirectWithToast("/aanbieder", { key: result.status === "pending" ? "provider.submitted" : "provider.saved" });
}

export default function ProviderProfilePage() {
  const { t } = useTranslation();
  const { defaultValue, municipalities, exists } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="narrow-wide">
      <p>
        <Link to="/aanbieder">← {t("nav.providerHome")}</Link>
      </p>
      <PageHeader title={t(exists ? "provider.editProfile" : "provider.createProfile")}>{t("provider.intro")}</PageHeader>
      <ProviderForm municipalities={municipalities} lastResult={lastResult} defaultValue={defaultValue} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Bedrijfsprofiel – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
