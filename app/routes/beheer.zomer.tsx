import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { belgianDate } from "~/lib/dates";
import { formatDate } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { createEdition, listEditions } from "~/modules/campaigns/index.server";
import { EditionSchema } from "~/modules/campaigns/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormErrors, PageHeader, TextareaField, useZodForm } from "~/ui/forms";
import { Table } from "~/ui/table";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [editions, locale] = await Promise.all([listEditions(), getLocale(request, admin)]);
  return json({ editions, locale, today: belgianDate() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseSubmission(await readFormData(request), EditionSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await createEdition(admin.id, submission.value);
  if (!result.ok) return json(submission.reply({ fieldErrors: { year: [result.error] } }), { status: 409 });
  return redirectWithToast("/beheer/zomer", { key: "campaigns.admin.created" });
}

export default function CampaignEditionsPage() {
  const { t } = useTranslation();
  const { editions, locale, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const year = Number(today.slice(0, 4)) + (today.slice(5) > "09-30" ? 1 : 0);
  const [form, fields] = useZodForm("edition", EditionSchema, lastResult, {
    year: String(year),
    title: `ZomerInWestVlaanderen ${year}`,
    startsOn: `${year}-06-01`,
    endsOn: `${year}-09-30`,
  });
  return (
    <div className="wide-table">
      <PageHeader title={t("campaigns.admin.title")}>{t("campaigns.admin.intro")}</PageHeader>
      {editions.length === 0 ? (
        <p>{t("campaigns.admin.none")}</p>
      ) : (
        <Table>
            <thead>
              <tr>
                <th scope="col">{t("campaigns.admin.editionTitle")}</th>
                <th scope="col">{t("campaigns.admin.startsOn")}</th>
                <th scope="col">{t("campaigns.admin.endsOn")}</th>
                <th scope="col">{t("campaigns.admin.apiLink")}</th>
              </tr>
            </thead>
            <tbody>
              {editions.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    {e.title} {e.startsOn <= today && today <= e.endsOn ? <span className="badge">{t("campaigns.admin.running")}</span> : null}
                  </th>
                  <td>{formatDate(e.startsOn, locale, { dateStyle: "medium" })}</td>
                  <td>{formatDate(e.endsOn, locale, { dateStyle: "medium" })}</td>
                  <td>
                    <code>/api/v1/campaigns/{e.slug}/retailers</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
      )}
      <section aria-labelledby="new-edition" className="narrow-wide">
        <h2 id="new-edition">{t("campaigns.admin.create")}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label={t("campaigns.admin.year")} meta={fields.year} input={getInputProps(fields.year, { type: "number" })} />
          <Field label={t("campaigns.admin.editionTitle")} meta={fields.title} input={getInputProps(fields.title, { type: "text" })} />
          <TextareaField label={t("campaigns.admin.introduction")} meta={fields.introduction} max={2000} />
          <Field label={t("campaigns.admin.startsOn")} meta={fields.startsOn} input={getInputProps(fields.startsOn, { type: "date" })} />
          <Field label={t("campaigns.admin.endsOn")} meta={fields.endsOn} input={getInputProps(fields.endsOn, { type: "date" })} />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("campaigns.admin.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "ZomerInWestVlaanderen – Beheer – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
