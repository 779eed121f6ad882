import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate } from "~/lib/format";
import { parseFields, parseSubmission, readFormData } from "~/lib/forms.server";
import { translator } from "~/lib/i18n";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { inviteUser, listUsers, requireRole, setUserActive } from "~/modules/auth/index.server";
import { InviteSchema } from "~/modules/auth/schemas";
import { listMunicipalities } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormErrors, PageHeader, useZodForm } from "~/ui/forms";
import { Table } from "~/ui/table";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [users, municipalities, locale] = await Promise.all([listUsers(), listMunicipalities(), getLocale(request, admin)]);
  return json({ users, municipalities, locale, me: admin.id });
}

const ActiveSchema = z.object({ intent: z.enum(["deactivate", "reactivate"]), userId: z.string().min(1).max(100) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await readFormData(request);
  if (form.get("intent") === "deactivate" || form.get("intent") === "reactivate") {
    const parsed = parseFields(form, ActiveSchema);
    if (!parsed.ok) throw json({ error: translator("nl")("errors.invalidForm") }, { status: 400 });
    const result = await setUserActive(admin.id, parsed.value.userId, parsed.value.intent === "reactivate");
    return redirectWithToast("/beheer/gebruikers", result.ok ? { key: `admin.${parsed.value.intent}d` } : { key: result.error, kind: "error" });
  }
  const submission = parseSubmission(form, InviteSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await inviteUser(submission.value, admin.id);
  if (!result.ok) {
    const field = result.error === "emailTaken" ? "email" : "municipalities";
    return json(submission.reply({ fieldErrors: { [field]: [`errors.${result.error}`] } }), { status: 400 });
  }
  return redirectWithToast("/beheer/gebruikers", { key: "admin.invited", params: { email: submission.value.email } });
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { users, municipalities, locale, me } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("invite", InviteSchema, lastResult);
  return (
    <>
      <PageHeader title={t("admin.usersTitle")} />
      <section aria-labelledby="invite-title" className="narrow">
        <h2 id="invite-title">{t("admin.inviteTitle")}</h2>
        <p className="hint">{t("admin.inviteIntro")}</p>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label={t("auth.name")} meta={fields.name} input={getInputProps(fields.name, { type: "text" })} />
          <Field label={t("auth.email")} meta={fields.email} input={getInputProps(fields.email, { type: "email" })} />
          <fieldset>
            <legend>{t("admin.role")}</legend>
            {(["municipality", "admin"] as const).map((role) => (
              <label className="choice" key={role}>
                <input type="radio" name={fields.role.name} value={role} defaultChecked={fields.role.initialValue === role} />
                <span>{t(`roles.${role}`)}</span>
              </label>
            ))}
            <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
          </fieldset>
          <fieldset>
            <legend>{t("admin.municipalities")}</legend>
            <div className="checkbox-grid">
              {municipalities.map((m) => (
                <label className="choice" key={m.nisCode}>
                  <input type="checkbox" name={fields.municipalities.name} value={m.nisCode} />
                  <span>{m.name}</span>
                </label>
              ))}
            </div>
            <ErrorList id={fields.municipalities.errorId} errors={fields.municipalities.errors} />
          </fieldset>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("admin.submitInvite")}
          </button>
        </Form>
      </section>
      <h2>{t("admin.usersTitle")}</h2>
      <Table>
          <thead>
            <tr>
              <th scope="col">{t("auth.name")}</th>
              <th scope="col">{t("auth.email")}</th>
              <th scope="col">{t("admin.role")}</th>
              <th scope="col">{t("dashboards.status")}</th>
              <th scope="col">{t("admin.createdAt")}</th>
              <th scope="col">{t("admin.access")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{u.deactivatedAt ? t("admin.deactivatedOn", { date: formatDate(u.deactivatedAt, locale, { dateStyle: "medium" }) }) : u.hasPassword ? t("admin.active") : t("admin.invitedPending")}</td>
                <td>{formatDate(u.createdAt, locale, { dateStyle: "medium" })}</td>
                <td>
                  {u.id === me ? null : (
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" name="intent" value={u.deactivatedAt ? "reactivate" : "deactivate"} className="button-small" aria-label={`${t(u.deactivatedAt ? "admin.reactivate" : "admin.deactivate")}: ${u.email}`}>
                        {t(u.deactivatedAt ? "admin.reactivate" : "admin.deactivate")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Gebruikers – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
