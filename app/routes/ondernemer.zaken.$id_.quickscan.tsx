import { getFormProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { getOwnBusiness, saveQuickscan } from "~/modules/profiles/index.server";
import { answerScale, dimensions, questions } from "~/modules/profiles/quickscan";
import { QuickscanSchema } from "~/modules/profiles/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, FormErrors, PageHeader, useZodForm } from "~/ui/forms";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const business = await getOwnBusiness(user.id, params.id ?? "");
  invariantResponse(business);
  return json({ businessName: business.name });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "retailer");
  invariantResponse(await getOwnBusiness(user.id, params.id ?? ""));
  const submission = parseSubmission(await readFormData(request), QuickscanSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const quickscanId = await saveQuickscan(user.id, params.id ?? "", submission.value);
  invariantResponse(quickscanId);
  return redirectWithToast(`/ondernemer/quickscans/${quickscanId}`, { key: "quickscan.saved" });
}

export default function QuickscanPage() {
  const { t } = useTranslation();
  const { businessName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("quickscan", QuickscanSchema, lastResult);
  return (
    <div className="narrow-wide">
      <PageHeader title={`${t("quickscan.title")}: ${businessName}`}>{t("quickscan.intro")}</PageHeader>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {dimensions.map((dimension) => (
          <section key={dimension} aria-labelledby={`dim-${dimension}`}>
            <h2 id={`dim-${dimension}`}>{t(`quickscan.dimensions.${dimension}`)}</h2>
            {questions
              .filter((q) => q.dimension === dimension)
              .map((q) => {
                const field = fields[q.id];
                return (
                  <fieldset key={q.id} className="scale" aria-describedby={field.errors ? field.errorId : undefined}>
                    <legend>{t(`quickscan.questions.${q.id}`)}</legend>
                    <div className="scale-options">
                      {answerScale.map((value) => (
                        <label key={value} className="choice">
                          <input type="radio" name={field.name} value={value} defaultChecked={field.initialValue === String(value)} />
                          <span>{t(`quickscan.scale${value}`)}</span>
                        </label>
                      ))}
                    </div>
                    <ErrorList id={field.errorId} errors={field.errors} />
                  </fieldset>
                );
              })}
          </section>
        ))}
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("quickscan.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Digitale quickscan – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
