import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { readFormData } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { changePassword, requireUser } from "~/modules/auth/index.server";
import { ChangePasswordSchema } from "~/modules/auth/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormErrors, NewPasswordFields, PageHeader, useZodForm } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name, email: user.email, role: user.role });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readFormData(request), { schema: ChangePasswordSchema });
  const hideFields = ["currentPassword", "password", "confirmPassword"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const result = await changePassword(user.id, submission.value);
  if (!result.ok) {
    return json(submission.reply({ fieldErrors: { currentPassword: ["errors.wrongCurrentPassword"] }, hideFields }), { status: 400 });
  }
  return redirectWithToast("/account", { key: "auth.passwordChanged" }, { headers: { "Set-Cookie": result.cookie } });
}

export default function AccountPage() {
  const { t } = useTranslation();
  const account = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("change-password", ChangePasswordSchema, lastResult);
  return (
    <div className="narrow">
      <PageHeader title={t("auth.accountTitle")} />
      <dl>
        <dt>{t("auth.name")}</dt>
        <dd>{account.name}</dd>
        <dt>{t("auth.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("admin.role")}</dt>
        <dd>{t(`roles.${account.role}`)}</dd>
      </dl>
      <h2>{t("auth.changePasswordTitle")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("auth.currentPassword")}
          meta={fields.currentPassword}
          input={{ ...getInputProps(fields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
        />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.submitChangePassword")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn account – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
