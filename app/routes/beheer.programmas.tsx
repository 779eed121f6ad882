import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { listMunicipalities } from "~/modules/campaigns/index.server";
import { sectorCodes } from "~/modules/profiles/taxonomy";
import { createProgramme, listProgrammesWithBudget } from "~/modules/vouchers/index.server";
import { ProgrammeSchema } from "~/modules/vouchers/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroup, Field, FormErrors, PageHeader, useZodForm } from "~/ui/forms";
import { Table } from "~/ui/table";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [programmes, municipalities, locale] = await Promise.all([listProgrammesWithBudget(), listMunicipalities(), getLocale(request, admin)]);
  return json({ programmes, municipalities, locale });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseSubmission(await readFormData(request), ProgrammeSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await createProgramme(admin.id, submission.value);
  return redirectWithToast("/beheer/programmas", { key: "programmes.created" });
}

export default function ProgrammesPage() {
  const { t } = useTranslation();
  const { programmes, municipalities, locale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("programme", ProgrammeSchema, lastResult, {
    rate: "75",
    cap: "1500",
    sectors: [...sectorCodes],
    maxVouchersPerBusiness: "1",
    paymentDays: "30",
    decisionDays: "10",
  });
  return (
    <div className="wide-table">
      <PageHeader title={t("programmes.title")}>{t("programmes.intro")}</PageHeader>
      <Table>
          <thead>
            <tr>
              <th scope="col">{t("programmes.name")}</th>
              <th scope="col">{t("programmes.window")}</th>
              <th scope="col">{t("programmes.budget")}</th>
              <th scope="col">{t("programmes.reserved")}</th>
              <th scope="col">{t("programmes.redeemed")}</th>
              <th scope="col">{t("programmes.available")}</th>
              <th scope="col">{t("programmes.decisionTerm")}</th>
            </tr>
          </thead>
          <tbody>
            {programmes.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>
                  {formatDate(p.opensOn, locale, { dateStyle: "medium" })} – {formatDate(p.closesOn, locale, { dateStyle: "medium" })}
                </td>
                <td>{formatMoney(p.budget.budgetCents, locale)}</td>
                <td>{formatMoney(p.budget.reservedCents, locale)}</td>
                <td>{formatMoney(p.budget.redeemedCents, locale)}</td>
                <td>{formatMoney(p.budget.availableCents, locale)}</td>
                <td>{t(p.tacitApproval ? "programmes.termTacit" : "programmes.term", { count: p.decisionDays })}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      <section aria-labelledby="new-programme" className="narrow-wide">
        <h2 id="new-programme">{t("programmes.new")}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label={t("programmes.name")} meta={fields.name} input={getInputProps(fields.name, { type: "text" })} />
          <Field label={t("programmes.budgetEur")} meta={fields.budget} input={{ ...getInputProps(fields.budget, { type: "text" }), inputMode: "decimal" }} />
          <Field label={t("programmes.rate")} meta={fields.rate} input={{ ...getInputProps(fields.rate, { type: "text" }), inputMode: "decimal" }} />
          <Field label={t("programmes.cap")} meta={fields.cap} input={{ ...getInputProps(fields.cap, { type: "text" }), inputMode: "decimal" }} />
          <CheckboxGroup legend={t("programmes.sectors")} meta={fields.sectors} options={sectorCodes.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />
          <CheckboxGroup legend={t("programmes.municipalities")} meta={fields.municipalities} options={municipalities.map((m) => ({ value: m.nisCode, label: m.name }))} grid />
          <Field label={t("programmes.opensOn")} meta={fields.opensOn} input={getInputProps(fields.opensOn, { type: "date" })} />
          <Field label={t("programmes.closesOn")} meta={fields.closesOn} input={getInputProps(fields.closesOn, { type: "date" })} />
          <Field label={t("programmes.maxPerBusiness")} meta={fields.maxVouchersPerBusiness} input={getInputProps(fields.maxVouchersPerBusiness, { type: "number" })} />
          <Field label={t("programmes.paymentDays")} meta={fields.paymentDays} input={getInputProps(fields.paymentDays, { type: "number" })} />
          <Field label={t("programmes.decisionDays")} hint={t("programmes.decisionDaysHint")} meta={fields.decisionDays} input={getInputProps(fields.decisionDays, { type: "number" })} />
          <label className="choice">
            <input {...getInputProps(fields.tacitApproval, { type: "checkbox", value: "on" })} />
            <span>{t("programmes.tacitApproval")}</span>
          </label>
          <Field label={t("programmes.iban")} meta={fields.iban} input={getInputProps(fields.iban, { type: "text" })} />
          <Field label={t("programmes.bic")} hint={t("programmes.bicHint")} meta={fields.bic} input={getInputProps(fields.bic, { type: "text" })} />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("programmes.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Programma's – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
