import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { readUpload } from "~/lib/forms.server";
import { requireRole } from "~/modules/auth/index.server";
import { importBusinesses, importProviders, type ImportError } from "~/modules/profiles/index.server";
import { businessColumns, importExamples, optionalImportColumns, providerColumns } from "~/modules/profiles/import-rows";
import { languageCodes, sectorCodes, serviceCodes } from "~/modules/profiles/taxonomy";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";

const maxBytes = 20 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

const KindSchema = z.enum(["providers", "businesses"], { errorMap: () => ({ message: "errors.invalidChoice" }) });

type ActionData = { errors?: string[]; rowErrors?: ImportError[]; result?: { imported: number; created: number; updated: number } };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const upload = await readUpload(request, maxBytes);
  if (!upload.ok) return json<ActionData>({ errors: [upload.error] }, { status: upload.status });
  const kind = KindSchema.safeParse(upload.form.get("kind"));
  if (!kind.success) return json<ActionData>({ errors: ["errors.invalidChoice"] }, { status: 400 });
  const importer = kind.data === "providers" ? importProviders : importBusinesses;
  const result = await importer(upload.text, admin.id);
  if (!result.ok) return json<ActionData>({ rowErrors: result.errors }, { status: 422 });
  return json<ActionData>({ result: { imported: result.imported, created: result.created, updated: result.updated } });
}

/** The codes a column takes, each with what it means, so the office need not look them up elsewhere. */
const columnCodes: Record<string, { codes: readonly string[]; labels: string }> = {
  kind: { codes: ["ict", "marketing", "both"], labels: "kinds" },
  services: { codes: serviceCodes, labels: "services" },
  sectors: { codes: sectorCodes, labels: "sectors" },
  sector: { codes: sectorCodes, labels: "sectors" },
  languages: { codes: languageCodes, labels: "languages" },
};

function ColumnGuide({ kind, columns }: { kind: "providers" | "businesses"; columns: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <details className="column-guide">
      <summary>{t(`import.${kind}`)}</summary>
      <Table>
        <thead>
          <tr>
            <th scope="col">{t("import.guideColumn")}</th>
            <th scope="col">{t("import.guideRequired")}</th>
            <th scope="col">{t("import.guideMeaning")}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column) => (
            <tr key={column}>
              <td>
                <code>{column}</code>
              </td>
              <td>{t(optionalImportColumns.has(column) ? "import.guideNo" : "import.guideYes")}</td>
              <td>
                {t(`import.columns.${column}`)}
                {columnCodes[column] ? (
                  <ul className="code-list">
                    {columnCodes[column].codes.map((code) => (
                      <li key={code}>
                        <code>{code}</code>: {t(`${columnCodes[column].labels}.${code}`)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p>{t("import.guideExample")}</p>
      <pre className="csv-example">
        {columns.join(",")}
        {"\n"}
        {importExamples[kind]}
      </pre>
    </details>
  );
}

export default function ImportPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader title={t("import.title")}>{t("import.intro")}</PageHeader>
      <Form method="post" encType="multipart/form-data" className="narrow">
        <FormErrors errors={data?.errors} />
        <fieldset>
          <legend>{t("import.kind")}</legend>
          <label className="choice">
            <input type="radio" name="kind" value="providers" defaultChecked />
            <span>{t("import.providers")}</span>
          </label>
          <label className="choice">
            <input type="radio" name="kind" value="businesses" />
            <span>{t("import.businesses")}</span>
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("import.submit")}
        </button>
      </Form>
      <section aria-labelledby="import-columns">
        <h2 id="import-columns">{t("import.guideTitle")}</h2>
        <ColumnGuide kind="providers" columns={providerColumns} />
        <ColumnGuide kind="businesses" columns={businessColumns} />
      </section>
      {data?.result ? (
        <p className="toast" role="status">
          {t("import.done", data.result)}
        </p>
      ) : null}
      {data?.rowErrors ? (
        <section aria-labelledby="import-errors" role="alert">
          <h2 id="import-errors">{t("import.failed")}</h2>
          <Table>
              <thead>
                <tr>
                  <th scope="col">{t("import.row")}</th>
                  <th scope="col">{t("import.column")}</th>
                  <th scope="col">{t("import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {data.rowErrors.map((e) => (
                  <tr key={`${e.row}-${e.column}-${e.message}`}>
                    <td>{e.row}</td>
                    <td>
                      <code>{e.column}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Import – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
