import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "~/lib/format";
import { readUpload } from "~/lib/forms.server";
import { requireRole } from "~/modules/auth/index.server";
import { matchBankLines } from "~/modules/engagements/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";

const maxBytes = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

/** The bank statement's lines, matched by structured communication to own shares that are due. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const upload = await readUpload(request, maxBytes);
  if (!upload.ok) return json({ errors: [upload.error], outcomes: null }, { status: upload.status });
  return json({ errors: null, outcomes: await matchBankLines(admin.id, upload.text) });
}

export default function BankLinesPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="narrow-wide">
      <PageHeader title={t("bankLines.title")}>{t("bankLines.intro")}</PageHeader>
      <Form method="post" encType="multipart/form-data">
        <FormErrors errors={data?.errors} />
        <div className="field">
          <label htmlFor="bank-file">{t("import.file")}</label>
          <input id="bank-file" type="file" name="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("bankLines.submit")}
        </button>
      </Form>
      {data?.outcomes ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("import.row")}</th>
              <th scope="col">{t("bankLines.communication")}</th>
              <th scope="col">{t("payouts.amount")}</th>
              <th scope="col">{t("bankLines.result")}</th>
            </tr>
          </thead>
          <tbody>
            {data.outcomes.map((o) => (
              <tr key={o.line}>
                <td>{o.line}</td>
                <td>{o.communication}</td>
                <td>{formatMoney(o.amountCents, "nl")}</td>
                <td>{t(`bankLines.results.${o.result}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Betalingen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
