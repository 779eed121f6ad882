import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney, formatNumber } from "~/lib/format";
import { parseFields, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { getEngagementForViewer, getWorkspace, performWorkspaceAction } from "~/modules/engagements/index.server";
import { WorkspaceActionSchema } from "~/modules/engagements/schemas";
import { epcQrSvg, paymentsKind, startOwnShareCheckout } from "~/modules/payments/index.server";
import { getVoucherDecisionFacts } from "~/modules/vouchers/index.server";
import { listHistory } from "~/modules/reporting/index.server";
import { listInvoicesOfEngagements } from "~/modules/invoices/index.server";
import { happyPath, phaseOfState } from "~/modules/engagements/transitions";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { HistorySection } from "./history-section";
import { MilestoneCard } from "./milestone-card";
import { ReviewSection } from "./review-section";
import { VoucherSection } from "./voucher-section";
import { FormErrors, PageHeader } from "~/ui/forms";
import { InvoiceList } from "~/ui/invoice-list";
import { MessageThread } from "~/ui/message-thread";
import { Table } from "~/ui/table";
import { ConfirmButton } from "~/ui/confirm-button";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  const workspace = await getWorkspace(params.id ?? "", user);
  invariantResponse(workspace);
  const payment = new URL(request.url).searchParams.get("betaling");
  // The own share as a banking app scans it: only for the retailer, while it is due.
  const due = workspace.voucher && workspace.role === "retailer" && workspace.voucher.voucher.status === "approved" && !workspace.voucher.voucher.paidAt ? workspace.voucher : null;
  const paymentQr = due
    ? await epcQrSvg({ name: due.programme, iban: due.iban, bic: due.bic, amountCents: due.voucher.ownShareCents, remittance: due.voucher.paymentReference ?? "" })
    : null;
  // The office decides with the facts beside the voucher.
  const decisionFacts = workspace.role === "admin" && workspace.voucher?.voucher.status === "requested" ? await getVoucherDecisionFacts(workspace.voucher.voucher.id) : null;
  // Who did what and when: the engagement, its voucher and its milestones.
  const history = await listHistory([
    { entityType: "engagement", entityId: workspace.engagement.id },
    ...(workspace.voucher ? [{ entityType: "voucher", entityId: workspace.voucher.voucher.id }] : []),
    ...workspace.milestones.map((m) => ({ entityType: "milestone", entityId: m.id })),
  ]);
  return json({
    ...workspace,
    decisionFacts,
    history,
    invoices: await listInvoicesOfEngagements([workspace.engagement.id]),
    paymentQr,
    onlinePayment: paymentsKind === "stripe",
    paymentReturn: payment === "ok" || payment === "geannuleerd" ? payment : null,
    userId: user.id,
    locale: await getLocale(request, user),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  const id = params.id ?? "";
  // Only whether the viewer has a part here: what they may do is performWorkspaceAction's to say.
  const view = await getEngagementForViewer(id, user);
  invariantResponse(view);
  const form = await readFormData(request);
  // Which form was sent, so its errors show beside it (and take the focus), not at the top of the page.
  const source = formOf(form);
  const parsed = parseFields(form, WorkspaceActionSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, form: source }, { status: 400 });
  const input = parsed.value;
  if (input.intent === "payOnline") {
    const url = user.role === "retailer" && paymentsKind === "stripe" ? await startOwnShareCheckout(user.id, id) : null;
    if (!url) return json({ errors: ["voucher.errors.notAllowed"], form: source }, { status: 409 });
    return redirect(url);
  }
  const outcome = await performWorkspaceAction(user, id, input);
  if (!outcome.ok) {
    invariantResponse(outcome.status !== 404);
    return json({ errors: [outcome.error], form: source }, { status: outcome.status });
  }
  // Said back in words: what happened and who hears of it.
  const done = input.intent === "transition" ? input.action : input.intent === "decide" ? (input.decision === "approve" ? "approve" : "changes") : input.intent;
  return redirectWithToast(`/trajecten/${id}`, { key: `workspace.doneWith.${done}`, params: { business: view.businessName, provider: view.providerName } });
}

/** The form a post came from: its intent, and the milestone for a milestone's own forms. */
function formOf(form: FormData) {
  const intent = String(form.get("intent") ?? "");
  if (intent === "transition") return ["cancel", "dispute"].includes(String(form.get("action"))) ? "transition:stop" : "transition:go";
  const milestone = form.get("milestoneId");
  return typeof milestone === "string" && milestone ? `${intent}:${milestone}` : intent;
}

export default function WorkspacePage() {
  const { t } = useTranslation();
  const { engagement, title, businessName, providerName, providerSlug, role, milestones, messages, progressLogs, review, actions, voucher, onlinePayment, paymentReturn, paymentQr, decisionFacts, nextStep, history, invoices, locale } =
    useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  /** The errors of one form, shown inside it. */
  const errorsOf = (form: string) => (failed?.form === form ? failed.errors : undefined);
  const stepParams = { business: businessName, provider: providerName, autoApproveOn: nextStep.autoApproveOn ? formatDate(nextStep.autoApproveOn, locale) : "" };
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const reached = happyPath.indexOf(engagement.state);
  const forward = actions.filter((a) => a.action !== "cancel" && a.action !== "dispute");
  const stopping = actions.filter((a) => a.action === "cancel" || a.action === "dispute");
  return (
    <div className="narrow-wide">
      <p>
        <Link to="/trajecten">← {t("workspace.title")}</Link>
      </p>
      <PageHeader title={title}>
        {businessName} · <Link to={`/aanbieders/${providerSlug}`}>{providerName}</Link> · {formatMoney(engagement.priceCents, locale)}
      </PageHeader>
      {/* Errors of a form the page no longer shows (the state moved on meanwhile). */}
      <FormErrors errors={failed && !shownForms(role, actions, milestones).has(failed.form) ? failed.errors : undefined} focus />

      <section aria-labelledby="progress-title">
        <h2 id="progress-title">{t("workspace.state", { state: t(`engagements.states.${engagement.state}`) })}</h2>
        <ol className="progress" aria-label={t("workspace.progress")}>
          {happyPath.map((state, i) => (
            <li key={state} className={i < reached ? "done" : i === reached ? "current" : undefined} aria-current={i === reached ? "step" : undefined}>
              {t(`engagements.states.${state}`)}
            </li>
          ))}
        </ol>
      </section>

      <VoucherSection voucher={voucher} role={role} onlinePayment={onlinePayment} paymentReturn={paymentReturn} paymentQr={paymentQr} decisionFacts={decisionFacts} businessName={businessName} locale={locale} />

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t("workspace.actions")}</h2>
        {/* Who is waiting for whom, said to the person viewing. */}
        <p className="next-step">{t([`engagements.nextStep.${role}.${nextStep.step}`, `engagements.nextStep.${role}.${engagement.state}`], stepParams)}</p>
        {forward.length ? (
          <Form method="post">
            <FormErrors errors={errorsOf("transition:go")} focus />
            <input type="hidden" name="intent" value="transition" />
            <p className="actions">
              {forward.map((a) =>
                a.action === "complete" ? (
                  <ConfirmButton key={a.action} name="action" value={a.action} disabled={busy} question={t("workspace.confirm.complete")}>
                    {t(`workspace.actionLabels.${a.action}`)}
                  </ConfirmButton>
                ) : (
                  <button key={a.action} type="submit" name="action" value={a.action} disabled={busy}>
                    {t(`workspace.actionLabels.${a.action}`)}
                  </button>
                ),
              )}
            </p>
          </Form>
        ) : null}
        {/* Stopping or disputing is possible, but secondary: behind a disclosure, with its reason and a question first. */}
        {stopping.length ? (
          <details className="secondary-actions" open={Boolean(errorsOf("transition:stop"))}>
            <summary>{t("workspace.stopOrDispute")}</summary>
            <Form method="post">
              <FormErrors errors={errorsOf("transition:stop")} focus />
              <input type="hidden" name="intent" value="transition" />
              <div className="field">
                <label htmlFor="transition-reason">{t("workspace.reason")}</label>
                <textarea id="transition-reason" name="reason" rows={2} maxLength={1000} required={stopping.some((a) => a.needsReason)} />
              </div>
              <p className="actions">
                {stopping.map((a) => (
                  <ConfirmButton key={a.action} name="action" value={a.action} disabled={busy} className="button-danger" question={t(`workspace.confirm.${a.action}`)}>
                    {t(`workspace.actionLabels.${a.action}`)}
                  </ConfirmButton>
                ))}
              </p>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="milestones-title">
        <h2 id="milestones-title">{t("workspace.milestones")}</h2>
        {milestones.map((m) => (
          <MilestoneCard
            key={m.id}
            m={m}
            role={role}
            locale={locale}
            providerName={providerName}
            deliverableNow={phaseOfState[engagement.state] === m.phase}
            errors={errorsOf(`submit:${m.id}`) ?? errorsOf(`decide:${m.id}`)}
          />
        ))}
      </section>

      <section aria-labelledby="log-title">
        <h2 id="log-title">{t("workspace.progressLog")}</h2>
        {progressLogs.length === 0 ? <p>{t("workspace.noLogs")}</p> : null}
        {progressLogs.length ? (
          <Table>
            <thead>
              <tr>
                <th scope="col">{t("workspace.workedOn")}</th>
                <th scope="col">{t("workspace.hoursWorked")}</th>
                <th scope="col">{t("workspace.note")}</th>
              </tr>
            </thead>
            <tbody>
              {progressLogs.map((l) => (
                <tr key={l.id}>
                  <td>{formatDate(l.workedOn, locale, { dateStyle: "medium" })}</td>
                  <td>{formatNumber(l.hours, locale)}</td>
                  <td>{l.note}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        {role === "provider" && engagement.state !== "completed" && engagement.state !== "cancelled" ? (
          // Keyed by the entries shown: a saved entry empties the form (nothing is sent twice); a refused
          // one leaves what was typed.
          <Form method="post" className="inline-form" key={`log-${progressLogs.length}`}>
            <FormErrors errors={errorsOf("log")} focus />
            <input type="hidden" name="intent" value="log" />
            <div className="field">
              <label htmlFor="log-date">{t("workspace.workedOn")}</label>
              <input id="log-date" type="date" name="workedOn" required />
            </div>
            <div className="field">
              <label htmlFor="log-hours">{t("workspace.hoursWorked")}</label>
              <input id="log-hours" type="number" name="hours" min={0.25} max={24} step={0.25} required />
            </div>
            <div className="field">
              <label htmlFor="log-note">{t("workspace.note")}</label>
              <input id="log-note" type="text" name="note" maxLength={1000} required />
            </div>
            <button type="submit" disabled={busy}>
              {t("workspace.addLog")}
            </button>
          </Form>
        ) : null}
      </section>

      {engagement.state === "completed" ? <ReviewSection review={review} role={role} /> : null}

      <InvoiceList invoices={invoices} locale={locale} />

      <HistorySection steps={history} locale={locale} />

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t("workspace.messages")}</h2>
        <MessageThread
          id="message-body"
          messages={messages}
          locale={locale}
          empty={t("workspace.noMessages")}
          label={role === "admin" ? undefined : t("workspace.message")}
          fields={{ intent: "message" }}
          errors={errorsOf("message")}
          busy={busy}
        >
          <p className="hint">{t("workspace.adminReadOnly")}</p>
        </MessageThread>
      </section>
    </div>
  );
}

/** The forms that show their own errors to this viewer now; an error of any other form goes to the top. */
function shownForms(role: string, actions: { action: string }[], milestones: { id: string; status: string }[]) {
  const forms = new Set(role === "admin" ? [] : ["message"]);
  if (role === "provider") forms.add("log");
  if (actions.some((a) => a.action !== "cancel" && a.action !== "dispute")) forms.add("transition:go");
  if (actions.some((a) => a.action === "cancel" || a.action === "dispute")) forms.add("transition:stop");
  for (const m of milestones) {
    if (role === "provider") forms.add(`submit:${m.id}`);
    if (role === "retailer" && m.status === "submitted") forms.add(`decide:${m.id}`);
  }
  return forms;
}

export const meta: MetaFunction = () => [{ title: "Traject – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
