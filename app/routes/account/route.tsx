import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { invariantResponse } from "~/lib/responses";
import { changePassword, checkPassword, createApiToken, digestRoles, getMailDigest, listApiTokens, logOut, requireUserSession, revokeApiToken, setMailDigest } from "~/modules/auth/index.server";
import { ChangePasswordSchema, CreateApiTokenSchema, DeleteAccountSchema, RevokeApiTokenSchema } from "~/modules/auth/schemas";
import { eraseAccount } from "~/modules/privacy/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormErrors, NewPasswordFields, PageHeader, useZodForm } from "~/ui/forms";
import { ApiTokens } from "./api-tokens";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserSession(request);
  return json({
    name: user.name,
    email: user.email,
    role: user.role,
    locale: await getLocale(request, user),
    apiTokens: await listApiTokens(user.id),
    // null: this role gets its mails as they happen (a shop's mails are about its own money).
    mailDigest: digestRoles.includes(user.role) ? await getMailDigest(user.id) : null,
  });
}

const hideFields = ["currentPassword", "password", "confirmPassword"];

/** Five forms, told apart by `intent`: change the password, how mail arrives, make or revoke an API token, erase the account. */
export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireUserSession(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "create-token") {
    const submission = parseSubmission(formData, CreateApiTokenSchema);
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    const lifetime = submission.value.lifetime;
    const created = await createApiToken(user.id, { expiresInDays: lifetime === "none" ? undefined : Number(lifetime) });
    // Shown this once, never stored: the page answers with it instead of redirecting.
    return json({ ...submission.reply({ resetForm: true }), newToken: created.token });
  }
  if (formData.get("intent") === "mail") {
    const choice = formData.get("mailDigest");
    // Only a crafted post has neither (one of the two is always checked).
    if (choice !== "daily" && choice !== "each") return redirectWithToast("/account", { key: "errors.invalidChoice", kind: "error" });
    invariantResponse(await setMailDigest(user.id, user.role, choice === "daily"), 403);
    return redirectWithToast("/account", { key: choice === "daily" ? "auth.mailDaily" : "auth.mailEach" });
  }
  if (formData.get("intent") === "revoke-token") {
    const submission = parseSubmission(formData, RevokeApiTokenSchema);
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    invariantResponse(await revokeApiToken(user.id, submission.value.tokenId));
    return redirectWithToast("/account", { key: "auth.tokenRevoked" });
  }
  if (formData.get("intent") === "delete-account") {
    const submission = parseSubmission(formData, DeleteAccountSchema);
    if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
    if (!(await checkPassword(user.id, submission.value.currentPassword))) {
      return json(submission.reply({ fieldErrors: { currentPassword: ["errors.wrongCurrentPassword"] }, hideFields }), { status: 400 });
    }
    await eraseAccount(user.id);
    return redirectWithToast("/", { key: "privacy.erased", kind: "info" }, { headers: { "Set-Cookie": await logOut(sessionId) } });
  }
  const submission = parseSubmission(formData, ChangePasswordSchema);
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
  // Each form shows only its own answer.
  const answered = lastResult?.initialValue?.intent;
  const newToken = lastResult && "newToken" in lastResult && typeof lastResult.newToken === "string" ? lastResult.newToken : undefined;
  const [form, fields] = useZodForm("change-password", ChangePasswordSchema, answered === "change-password" ? lastResult : undefined);
  const [deleteForm, deleteFields] = useZodForm("delete-account", DeleteAccountSchema, answered === "delete-account" ? lastResult : undefined);
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
        <input type="hidden" name="intent" value="change-password" />
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

      {account.mailDigest !== null ? (
        <>
          <h2 id="mail-title">{t("auth.mailTitle")}</h2>
          <Form method="post" aria-labelledby="mail-title">
            <input type="hidden" name="intent" value="mail" />
            <fieldset>
              <legend>{t("auth.mailLegend")}</legend>
              <label className="choice">
                <input type="radio" name="mailDigest" value="each" defaultChecked={!account.mailDigest} />
                <span>{t("auth.mailEachOption")}</span>
              </label>
              <label className="choice">
                <input type="radio" name="mailDigest" value="daily" defaultChecked={account.mailDigest} />
                <span>{t("auth.mailDailyOption")}</span>
              </label>
            </fieldset>
            <button type="submit" className="button-secondary" disabled={navigation.state === "submitting"}>
              {t("auth.mailSave")}
            </button>
          </Form>
        </>
      ) : null}

      <ApiTokens tokens={account.apiTokens} locale={account.locale} newToken={newToken} />

      <h2>{t("privacy.yourData")}</h2>
      <p>
        {t("privacy.exportIntro")} <Link to="/privacy">{t("privacy.title")}</Link>
      </p>
      <p>
        <a className="button button-secondary" href="/account/gegevens" download>
          {t("privacy.download")}
        </a>
      </p>
      <h2>{t("privacy.deleteTitle")}</h2>
      <p>{t("privacy.deleteIntro")}</p>
      <Form method="post" {...getFormProps(deleteForm)}>
        <input type="hidden" name="intent" value="delete-account" />
        <FormErrors id={deleteForm.errorId} errors={deleteForm.errors} />
        <Field
          label={t("auth.currentPassword")}
          meta={deleteFields.currentPassword}
          input={{ ...getInputProps(deleteFields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
        />
        <div className="field">
          <label className="choice">
            <input {...getInputProps(deleteFields.confirm, { type: "checkbox" })} />
            <span>{t("privacy.confirm")}</span>
          </label>
          <ErrorList id={deleteFields.confirm.errorId} errors={deleteFields.confirm.errors} />
        </div>
        <button type="submit" className="button-danger" disabled={navigation.state === "submitting"}>
          {t("privacy.deleteSubmit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn account – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
