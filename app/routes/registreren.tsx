import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData, tooManyRequests } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { requestRegistration, requireAnonymous } from "~/modules/auth/index.server";
import { RegisterSchema } from "~/modules/auth/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormErrors, PageHeader, useZodForm } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseSubmission(await readFormData(request), RegisterSchema);
  if (submission.status !== "success") {
    return json({ sent: false, result: submission.reply() }, { status: 400 });
  }
  const result = await requestRegistration({ ...submission.value, locale: await getLocale(request) }, context.clientIp);
  if (!result.ok) return tooManyRequests(request, result.retryAfterSeconds, (message) => ({ sent: false, result: submission.reply({ formErrors: [message] }) }));
  // The same answer whether or not the address has an account: what differs is only in the mail.
  return json({ sent: true, result: submission.reply({ resetForm: true }) });
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("register", RegisterSchema, data?.result);
  return (
    <div className="narrow">
      <PageHeader title={t("auth.registerTitle")}>{t("auth.registerIntro")}</PageHeader>
      {data?.sent ? (
        <p className="toast" role="status">
          {t("auth.registerSent")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("auth.name")} meta={fields.name} input={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} />
        <Field label={t("auth.email")} meta={fields.email} input={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <fieldset aria-describedby={fields.role.errors?.length ? fields.role.errorId : undefined}>
          <legend>{t("auth.role")}</legend>
          {(["retailer", "provider"] as const).map((role) => (
            <label className="choice" key={role}>
              <input type="radio" name={fields.role.name} value={role} defaultChecked={fields.role.initialValue === role} required />
              <span>{t(role === "retailer" ? "auth.roleRetailer" : "auth.roleProvider")}</span>
            </label>
          ))}
          <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.submitRegister")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/inloggen">{t("nav.login")}</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Registreren – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
