import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { getBusinessFormOptions, getOwnBusiness, saveBusiness } from "~/modules/profiles/index.server";
import { formatEnterpriseNumber } from "~/modules/profiles/enterprise-number";
import { BusinessSchema } from "~/modules/profiles/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { BusinessForm } from "./business-form";
import { notFound } from "~/lib/responses";

/** /ondernemer/zaken/nieuw adds a business; /ondernemer/zaken/<id> edits one of the owner's. */
const isNew = (id: string | undefined) => id === "nieuw";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const business = isNew(params.id) ? null : await getOwnBusiness(user.id, params.id ?? "");
  if (!isNew(params.id) && !business) throw notFound();
  const [options, locale] = await Promise.all([getBusinessFormOptions(), getLocale(request, user)]);
  const defaultValue = business
    ? {
        name: business.name,
        enterpriseNumber: formatEnterpriseNumber(business.enterpriseNumber),
        sector: business.sector,
        naceCode: business.naceCode ?? "",
        nisCode: business.nisCode,
        postalCode: business.postalCode,
        street: business.street,
        inShoppingArea: business.inShoppingArea ? "on" : undefined,
        employeeBand: business.employeeBand ?? "",
        languages: business.languages,
        hours: Object.fromEntries(Object.entries(business.openingHours).map(([day, ranges]) => [day, (ranges ?? []).map((r) => `${r.open}-${r.close}`).join(", ")])),
        presence: Object.fromEntries(Object.entries(business.digitalPresence).map(([code, p]) => [code, { active: p?.active ? "on" : undefined, url: p?.url ?? "" }])),
        description: business.description,
      }
    : { sector: "retail", languages: ["nl"] };
  return json({ options, locale, defaultValue, isNew: !business });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "retailer");
  if (!isNew(params.id) && !(await getOwnBusiness(user.id, params.id ?? ""))) throw notFound();
  const submission = parseSubmission(await readFormData(request), BusinessSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await saveBusiness(user.id, submission.value, isNew(params.id) ? undefined : params.id);
  if (!result.ok) {
    if ("notFound" in result) throw notFound();
    return json(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  }
  return redirectWithToast("/ondernemer", { key: "business.saved" });
}

export default function BusinessPage() {
  const { t } = useTranslation();
  const { options, locale, defaultValue, isNew } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="narrow">
      <p>
        <Link to="/ondernemer">← {t("nav.retailerHome")}</Link>
      </p>
      <PageHeader title={t(isNew ? "business.newTitle" : "business.editTitle")}>{t("business.intro")}</PageHeader>
      <BusinessForm options={options} locale={locale} lastResult={lastResult} defaultValue={defaultValue} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Zaak – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
