import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData, tooManyRequests } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { homePathFor, logIn, requireAnonymous } from "~/modules/auth/index.server";
import { LoginSchema, safeRedirect } from "~/modules/auth/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormErrors, PageHeader, useZodForm } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseSubmission(await readFormData(request), LoginSchema);
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await logIn({ email, password, clientIp: context.clientIp });
  if (!result.ok) {
    if (result.error === "tooManyAttempts") {
      return tooManyRequests(request, result.retryAfterSeconds, (message) => submission.reply({ formErrors: [message], hideFields: ["password"] }), "errors.tooManyAttempts");
    }
    return json(submission.reply({ formErrors: ["errors.invalidCredentials"], hideFields: ["password"] }), { status: 400 });
  }
  return redirectWithToast(
    safeRedirect(redirectTo, homePathFor(result.user.role)),
    { key: "auth.loggedIn" },
    { headers: { "Set-Cookie": result.cookie } },
  );
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useZodForm("login", LoginSchema, lastResult);
  return (
    <div className="narrow">
      <PageHeader title={t("auth.loginTitle")} />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t("auth.email")} meta={fields.email} input={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <Field
          label={t("auth.password")}
          meta={fields.password}
          input={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.submitLogin")}
        </button>
      </Form>
      <p>
        <Link to="/wachtwoord-vergeten">{t("auth.forgot")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/registreren">{t("nav.register")}</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Inloggen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
