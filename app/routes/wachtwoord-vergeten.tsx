import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData, tooManyRequests } from "~/lib/forms.server";
import { requestPasswordReset, requireAnonymous } from "~/modules/auth/index.server";
import { ForgotPasswordSchema } from "~/modules/auth/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormErrors, PageHeader, useZodForm } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseSubmission(await readFormData(request), ForgotPasswordSchema);
  if (submission.status !== "success") {
    return json({ sent: false, result: submission.reply() }, { status: 400 });
  }
  const result = await requestPasswordReset(submission.value.email, context.clientIp);
  if (!result.ok) return tooManyRequests(request, result.retryAfterSeconds, (message) => ({ sent: false, result: submission.reply({ formErrors: [message] }) }));
  // The same answer whether or not the address has an account.
  return json({ sent: true, result: submission.reply({ resetForm: true }) });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("forgot-password", ForgotPasswordSchema, data?.result);
  return (
    <div className="narrow">
      <PageHeader title={t("auth.forgotTitle")}>{t("auth.forgotIntro")}</PageHeader>
      {data?.sent ? (
        <p className="toast" role="status">
          {t("auth.forgotSent")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("auth.email")} meta={fields.email} input={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.submitForgot")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Wachtwoord vergeten – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
