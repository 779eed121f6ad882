import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { answerRetailer, getOpportunity, submitBid, withdrawBid } from "~/modules/marketplace/index.server";
import { requiredText } from "~/modules/profiles/schemas";
import { MessageThread } from "~/ui/message-thread";
import { BidSchema } from "~/modules/marketplace/rules";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormErrors, PageHeader, TextareaField, useZodForm } from "~/ui/forms";
import { invariantResponse } from "~/lib/responses";

const euros = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const found = await getOpportunity(user.id, params.id ?? "");
  invariantResponse(found);
  const bid = found.bid && found.bid.status !== "withdrawn" ? found.bid : null;
  return json({
    ...found,
    bid,
    locale: await getLocale(request, user),
    canBid: found.request.status === "open" && new Date(found.request.bidDeadline) > new Date() && (!bid || bid.status === "submitted"),
    defaultValue: bid
      ? {
          advicePrice: euros(bid.advice.priceCents),
          adviceDeliverables: bid.advice.deliverables,
          adviceDays: String(bid.advice.durationDays),
          implementationPrice: euros(bid.implementation.priceCents),
          implementationDeliverables: bid.implementation.deliverables,
          implementationDays: String(bid.implementation.durationDays),
          estimatedHours: String(bid.estimatedHours),
          approach: bid.approach,
          startDate: bid.startDate,
        }
      : undefined,
  });
}

/** Three forms, told apart by `intent`: place or update the bid, withdraw it, answer the retailer's question. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "provider");
  const id = params.id ?? "";
  invariantResponse(await getOpportunity(user.id, id));
  const formData = await readFormData(request);
  if (formData.get("intent") === "answer") {
    const body = requiredText(5000).safeParse(formData.get("body"));
    if (!body.success) return json({ answerError: body.error.issues[0].message }, { status: 400 });
    const result = await answerRetailer(user.id, id, body.data);
    if (!result.ok) return json({ answerError: "opportunities.closed" }, { status: 409 });
    return redirectWithToast(`/opdrachten/${id}#questions`, { key: "opportunities.answeredToast" });
  }
  if (formData.get("intent") === "withdraw") {
    const result = await withdrawBid(user.id, id);
    if (!result.ok) return json({ withdrawError: `opportunities.${result.error === "closed" ? "closed" : "notEligible"}` }, { status: 409 });
    return redirectWithToast(`/opdrachten/${id}`, { key: "opportunities.withdrawn", kind: "info" });
  }
  const submission = parseSubmission(formData, BidSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await submitBid(user.id, id, submission.value);
  if (!result.ok) return json(submission.reply({ formErrors: [`opportunities.${result.error === "notFound" ? "notEligible" : result.error}`] }), { status: 409 });
  return redirectWithToast(`/opdrachten/${id}`, { key: "opportunities.submitted" });
}

export default function OpportunityPage() {
  const { t } = useTranslation();
  const { request, businessName, municipality, sector, reasons, bid, thread, canBid, defaultValue, locale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("bid", BidSchema, lastResult && !("withdrawError" in lastResult) && !("answerError" in lastResult) ? lastResult : undefined, defaultValue);
  const withdrawError = lastResult && "withdrawError" in lastResult ? [lastResult.withdrawError] : null;
  const answerError = lastResult && "answerError" in lastResult ? [lastResult.answerError] : null;
  return (
    <div className="narrow-wide">
      <p>
        <Link to="/opdrachten">← {t("opportunities.title")}</Link>
      </p>
      <PageHeader title={request.title}>
        {businessName} · {t(`sectors.${sector}`)} · {municipality} · {t("requests.deadline", { date: formatDate(request.bidDeadline, locale) })}
      </PageHeader>
      <p>{request.description}</p>
      <ul className="tag-list">
        {request.services.map((s) => (
          <li key={s}>{t(`services.${s}`)}</li>
        ))}
      </ul>
      {/* What the shop asked for, all of it: the budget, when it wants to start, in which languages. */}
      <p>
        {t("requests.budgetBand")}: {t(`requests.bands.${request.budgetBand}`)}
        <br />
        {t("requests.desiredStart")}: {request.desiredStart ? formatDate(request.desiredStart, locale) : t("requests.noDesiredStart")}
        <br />
        {t("requests.languages")}: {request.languages.map((l) => t(`languages.${l}`)).join(", ")}
      </p>
      {reasons.length ? (
        <details>
          <summary>{t("matching.whyYou")}</summary>
          <ul className="reasons">
            {reasons.map((r) => (
              <li key={r.key}>{t(`matching.reasons.${r.key}`, { ...r.params, sector: r.params?.sector ? t(`sectors.${r.params.sector}`) : undefined })}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {/* The retailer's questions about this proposal, answered before they choose. */}
      {bid && (thread.length || answerError) ? (
        <section aria-labelledby="questions" className="card">
          <h2 id="questions">{t("opportunities.questions", { business: businessName })}</h2>
          <MessageThread
            id="answer-body"
            messages={thread}
            locale={locale}
            label={canBid ? t("opportunities.answerLabel", { business: businessName }) : undefined}
            fields={{ intent: "answer" }}
            errors={answerError}
            busy={navigation.state === "submitting"}
          />
        </section>
      ) : null}
      <h2>{t("opportunities.bidTitle")}</h2>
      {bid ? <p>{t("opportunities.myBid", { status: t(`opportunities.bidStatus.${bid.status}`) })}</p> : null}
      <FormErrors errors={withdrawError} />
      {canBid ? (
        <>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label={t("opportunities.advicePrice")} meta={fields.advicePrice} input={{ ...getInputProps(fields.advicePrice, { type: "text" }), inputMode: "decimal" }} />
            <TextareaField label={t("opportunities.adviceDeliverables")} meta={fields.adviceDeliverables} rows={3} max={2000} />
            <Field label={t("opportunities.adviceDays")} meta={fields.adviceDays} input={getInputProps(fields.adviceDays, { type: "number" })} />
            <Field label={t("opportunities.implementationPrice")} meta={fields.implementationPrice} input={{ ...getInputProps(fields.implementationPrice, { type: "text" }), inputMode: "decimal" }} />
            <TextareaField label={t("opportunities.implementationDeliverables")} meta={fields.implementationDeliverables} rows={3} max={2000} />
            <Field label={t("opportunities.implementationDays")} meta={fields.implementationDays} input={getInputProps(fields.implementationDays, { type: "number" })} />
            <Field label={t("opportunities.estimatedHours")} meta={fields.estimatedHours} input={getInputProps(fields.estimatedHours, { type: "number" })} />
            <TextareaField label={t("opportunities.approach")} meta={fields.approach} rows={4} max={3000} />
            <Field label={t("opportunities.startDate")} meta={fields.startDate} input={getInputProps(fields.startDate, { type: "date" })} />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {bid ? t("opportunities.update") : t("opportunities.submit")}
            </button>
          </Form>
          {bid ? (
            <Form method="post">
              <button type="submit" name="intent" value="withdraw" className="button-danger" disabled={navigation.state === "submitting"}>
                {t("opportunities.withdraw")}
              </button>
            </Form>
          ) : null}
        </>
      ) : bid ? null : (
        <p>{t("opportunities.closed")}</p>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Opdracht – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
