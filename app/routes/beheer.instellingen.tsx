import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { factorNames } from "~/modules/matching/score";
import { getSettings, saveSettings } from "~/modules/settings/index.server";
import { SettingsSchema } from "~/modules/settings/schema";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormErrors, PageHeader, useZodForm } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [current, locale] = await Promise.all([getSettings(), getLocale(request, admin)]);
  return json({ current, locale });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseSubmission(await readFormData(request), SettingsSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { vatPercent, ...rest } = submission.value;
  const changes = await saveSettings(admin.id, { ...rest, vatBasisPoints: vatPercent });
  return redirectWithToast("/beheer/instellingen", { key: Object.keys(changes).length ? "settings.saved" : "settings.unchanged" });
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { current, locale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("settings", SettingsSchema, lastResult, {
    weights: Object.fromEntries(factorNames.map((f) => [f, String(current.weights[f])])),
    invitationCount: String(current.invitationCount),
    maxBids: String(current.maxBids),
    autoApproveDays: String(current.autoApproveDays),
    transferGraceDays: String(current.transferGraceDays),
    starterMaxAgeYears: String(current.starterMaxAgeYears),
    vatPercent: String(current.vatBasisPoints / 100).replace(".", ","),
    contactEmail: current.contactEmail ?? "",
    contactPhone: current.contactPhone ?? "",
    contactAddress: current.contactAddress,
  });
  const weights = fields.weights.getFieldset();
  return (
    <div className="narrow-wide">
      <PageHeader title={t("settings.title")}>{t("settings.intro")}</PageHeader>
      {current.updatedAt ? <p className="muted">{t("settings.lastChange", { date: formatDateTime(current.updatedAt, locale) })}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={fields.weights.errors?.length ? `weights-hint ${fields.weights.errorId}` : "weights-hint"}>
          <legend>{t("settings.weights")}</legend>
          <p className="hint" id="weights-hint">
            {t("settings.weightsHint")}
          </p>
          <ErrorList id={fields.weights.errorId} errors={fields.weights.errors} />
          <div className="checkbox-grid">
            {factorNames.map((f) => (
              <Field key={f} label={t(`settings.factors.${f}`)} meta={weights[f]} input={getInputProps(weights[f], { type: "number" })} />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("settings.marketplace")}</legend>
          <Field label={t("settings.invitationCount")} meta={fields.invitationCount} input={getInputProps(fields.invitationCount, { type: "number" })} />
          <Field label={t("settings.maxBids")} meta={fields.maxBids} input={getInputProps(fields.maxBids, { type: "number" })} />
          <Field label={t("settings.autoApproveDays")} meta={fields.autoApproveDays} input={getInputProps(fields.autoApproveDays, { type: "number" })} />
          <Field label={t("settings.transferGraceDays")} meta={fields.transferGraceDays} input={getInputProps(fields.transferGraceDays, { type: "number" })} />
          <Field label={t("settings.starterMaxAgeYears")} meta={fields.starterMaxAgeYears} input={getInputProps(fields.starterMaxAgeYears, { type: "number" })} />
          <Field label={t("settings.vatPercent")} meta={fields.vatPercent} input={{ ...getInputProps(fields.vatPercent, { type: "text" }), inputMode: "decimal" }} />
        </fieldset>
        <fieldset>
          <legend>{t("settings.contact")}</legend>
          <p className="hint">{t("settings.contactHint")}</p>
          <Field label={t("settings.contactEmail")} meta={fields.contactEmail} input={{ ...getInputProps(fields.contactEmail, { type: "email" }), autoComplete: "off" }} />
          <Field label={t("settings.contactPhone")} meta={fields.contactPhone} input={getInputProps(fields.contactPhone, { type: "tel" })} />
          <Field label={t("settings.contactAddress")} meta={fields.contactAddress} input={getInputProps(fields.contactAddress, { type: "text" })} />
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("settings.save")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Instellingen – Beheer – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
