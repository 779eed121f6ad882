import { getFormProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { getPasswordTokenPurpose, homePathFor, requireSameOrigin, setPasswordWithToken } from "~/modules/auth/index.server";
import { SetPasswordSchema } from "~/modules/auth/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, NewPasswordFields, PageHeader, useZodForm } from "~/ui/forms";

/*
 * One page for every single-use link: a password reset, an invitation and a registration. The token travels in the
 * query string, which the request log leaves out.
 */

export async function loader({ request }: LoaderFunctionArgs) {
  requireSameOrigin(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const purpose = token && token.length <= 200 ? await getPasswordTokenPurpose(token) : null;
  return json({ token: purpose ? token : "", purpose }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const submission = parseSubmission(await readFormData(request), SetPasswordSchema);
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  const result = await setPasswordWithToken(submission.value.token, submission.value.password);
  if (!result.ok) {
    return json(submission.reply({ formErrors: ["auth.tokenInvalid"], hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  return redirectWithToast(homePathFor(result.role), { key: result.purpose === "register" ? "auth.registered" : "auth.passwordReset" }, { headers: { "Set-Cookie": result.cookie } });
}

export default function SetPasswordPage() {
  const { t } = useTranslation();
  const { token, purpose } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("set-password", SetPasswordSchema, lastResult);
  if (!purpose) {
    return (
      <div className="narrow">
        <PageHeader title={t("auth.resetTitle")} />
        <p role="alert">{t("auth.tokenInvalid")}</p>
        <p>
          <Link to="/wachtwoord-vergeten">{t("auth.requestNewLink")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <PageHeader title={t(purpose === "reset" ? "auth.resetTitle" : "auth.inviteTitle")}>
        {purpose === "reset" ? null : t("auth.inviteIntro")}
      </PageHeader>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.submitReset")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Wachtwoord instellen – Koppel" }, { name: "referrer", content: "no-referrer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
