import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { parseFields, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { decideProvider, isStarterToday, listProvidersForVetting } from "~/modules/profiles/index.server";
import { formatEnterpriseNumber } from "~/modules/profiles/enterprise-number";
import { VettingSchema } from "~/modules/profiles/schemas";
import { vettingActionsFor } from "~/modules/profiles/vetting";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { notFound } from "~/lib/responses";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const rows = await listProvidersForVetting();
  return json({
    locale: await getLocale(request, admin),
    providers: rows.map(({ provider, email, baseMunicipality }) => ({
      ...provider,
      enterpriseNumber: formatEnterpriseNumber(provider.enterpriseNumber),
      starter: isStarterToday(provider.foundedOn),
      email,
      baseMunicipality,
      actions: vettingActionsFor(provider.status).map((a) => ({ action: a.action, needsReason: a.needsReason })),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = parseFields(await readFormData(request), VettingSchema);
  if (!parsed.ok) return json({ providerId: null, errors: parsed.errors }, { status: 400 });
  const decision = parsed.value;
  const result = await decideProvider(admin.id, {
    providerId: decision.providerId,
    action: decision.intent,
    reason: "reason" in decision ? decision.reason : undefined,
  });
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    return json({ providerId: decision.providerId, errors: [result.error === "notAllowed" ? "vetting.notAllowed" : "errors.required"] }, { status: 409 });
  }
  return redirectWithToast("/beheer/screening", { key: `vetting.${result.status}`, params: { name: result.companyName } });
}

export default function VettingPage() {
  const { t } = useTranslation();
  const { providers, locale } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const pending = providers.filter((p) => p.status === "pending");
  return (
    <>
      <PageHeader title={t("vetting.title")}>{t("vetting.intro")}</PageHeader>
      {failed && !failed.providerId ? <FormErrors errors={failed.errors} /> : null}
      {pending.length === 0 ? <p>{t("vetting.empty")}</p> : null}
      {providers.map((p) => (
        <section key={p.id} className="card vetting-card" aria-labelledby={`provider-${p.id}`}>
          <h2 id={`provider-${p.id}`}>
            {p.companyName} {p.starter ? <span className="badge">{t("provider.starter")}</span> : null}
          </h2>
          <p>
            <strong>{t(`providerStatus.${p.status}`)}</strong>
            {p.statusReason ? ` — ${p.statusReason}` : null}
          </p>
          <dl className="details">
            <dt>{t("business.enterpriseNumber")}</dt>
            <dd>{p.enterpriseNumber}</dd>
            <dt>{t("auth.email")}</dt>
            <dd>{p.email}</dd>
            <dt>{t("provider.foundedOn")}</dt>
            <dd>{formatDate(p.foundedOn, locale)}</dd>
            <dt>{t("provider.kind")}</dt>
            <dd>{t(`kinds.${p.kind}`)}</dd>
            <dt>{t("provider.services")}</dt>
            <dd>{p.services.map((s) => t(`services.${s}`)).join(", ")}</dd>
            <dt>{t("provider.sectors")}</dt>
            <dd>{p.sectors.map((s) => t(`sectors.${s}`)).join(", ")}</dd>
            <dt>{t("provider.baseMunicipality")}</dt>
            <dd>{t("provider.servesRadius", { km: p.radiusKm, municipality: p.baseMunicipality })}</dd>
            <dt>{t("provider.hourlyRate")}</dt>
            <dd>{formatMoney(p.hourlyRateCents, locale)}</dd>
            <dt>{t("provider.capacity")}</dt>
            <dd>{p.capacity}</dd>
            <dt>{t("provider.bio")}</dt>
            <dd>{p.bio}</dd>
            <dt>{t("provider.portfolioLinks")}</dt>
            <dd>
              {p.portfolioLinks.map((link) => (
                <a key={link} href={link} rel="nofollow noopener noreferrer" target="_blank">
                  {link}
                </a>
              ))}
            </dd>
            <dt>{t("provider.iban")}</dt>
            <dd>{p.iban ?? "—"}</dd>
            <dt>{t("provider.vatNumber")}</dt>
            <dd>{p.vatNumber ?? "—"}</dd>
            <dt>{t("provider.vatStatus")}</dt>
            <dd>{t(`provider.vatStatuses.${p.vatStatus}`)}</dd>
            <dt>{t("vetting.billingMandate")}</dt>
            <dd>{p.billingMandateAt ? t("vetting.mandateAccepted", { date: formatDate(p.billingMandateAt, locale), version: p.billingMandateVersion }) : t("vetting.noMandate")}</dd>
            <dt>{t("provider.conflictDeclaration")}</dt>
            <dd>{p.conflictDeclaredAt ? formatDate(p.conflictDeclaredAt, locale) : "—"}</dd>
          </dl>
          {failed?.providerId === p.id ? <FormErrors errors={failed.errors} /> : null}
          {p.actions.length > 0 ? (
            <Form method="post" className="vetting-form">
              <input type="hidden" name="providerId" value={p.id} />
              {p.actions.some((a) => a.needsReason) ? (
                <div className="field">
                  <label htmlFor={`reason-${p.id}`}>{t("vetting.reason")}</label>
                  <textarea id={`reason-${p.id}`} name="reason" rows={2} maxLength={500} />
                </div>
              ) : null}
              <p className="actions">
                {p.actions.map((a) => (
                  // Refusing and suspending look like what they are, not like approving.
                  <button
                    key={a.action}
                    type="submit"
                    name="intent"
                    value={a.action}
                    className={a.action === "approve" ? undefined : "button-danger"}
                    disabled={navigation.state === "submitting"}
                  >
                    {t(`vetting.${a.action}`)}
                  </button>
                ))}
                {p.status === "approved" ? <Link to={`/aanbieders/${p.slug}`}>{t("business.publicPage")}</Link> : null}
              </p>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Screening – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
