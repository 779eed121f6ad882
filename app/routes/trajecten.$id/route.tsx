import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { parseFields, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { getEngagementForViewer, getWorkspace, performWorkspaceAction } from "~/modules/engagements/index.server";
import { WorkspaceActionSchema } from "~/modules/engagements/schemas";
import { paymentsKind, startOwnShareCheckout } from "~/modules/payments/index.server";
import { happyPath } from "~/modules/engagements/transitions";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { MilestoneCard } from "./milestone-card";
import { ReviewSection } from "./review-section";
import { VoucherSection } from "./voucher-section";
import { FormErrors, PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";
import { ConfirmButton } from "~/ui/confirm-button";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  const workspace = await getWorkspace(params.id ?? "", user);
  invariantResponse(workspace);
  const payment = new URL(request.url).searchParams.get("betaling");
  return json({ ...workspace, onlinePayment: paymentsKind === "stripe", paymentReturn: payment === "ok" || payment === "geannuleerd" ? payment : null, userId: user.id, locale: await getLocale(request, user) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  const id = params.id ?? "";
  // Only whether the viewer has a part here: what they may do is performWorkspaceAction's to say.
  invariantResponse(await getEngagementForViewer(id, user));
  const parsed = parseFields(await readFormData(request), WorkspaceActionSchema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const input = parsed.value;
  if (input.intent === "payOnline") {
    const url = user.role === "retailer" && paymentsKind === "stripe" ? await startOwnShareCheckout(user.id, id) : null;
    if (!url) return json({ errors: ["voucher.errors.notAllowed"] }, { status: 409 });
    return redirect(url);
  }
  const outcome = await performWorkspaceAction(user, id, input);
  if (!outcome.ok) {
    invariantResponse(outcome.status !== 404);
    return json({ errors: [outcome.error] }, { status: outcome.status });
  }
  return redirectWithToast(`/trajecten/${id}`, { key: "workspace.done" });
}

export default function WorkspacePage() {
  const { t } = useTranslation();
  const { engagement, title, businessName, providerName, providerSlug, role, milestones, messages, progressLogs, review, actions, voucher, onlinePayment, paymentReturn, locale } =
    useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
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
      <FormErrors errors={failed?.errors} />

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

      <VoucherSection voucher={voucher} role={role} onlinePayment={onlinePayment} paymentReturn={paymentReturn} locale={locale} />

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t("workspace.actions")}</h2>
        {/* Who is waiting for whom, said to the person viewing. */}
        <p className="next-step">{t(`engagements.nextStep.${role}.${engagement.state}`)}</p>
        {forward.length ? (
          <Form method="post">
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
          <details className="secondary-actions">
            <summary>{t("workspace.stopOrDispute")}</summary>
            <Form method="post">
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
          <MilestoneCard key={m.id} m={m} role={role} locale={locale} deliverableNow={(m.phase === "advice" && engagement.state === "plan") || (m.phase === "implementation" && engagement.state === "implementation")} />
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
                  <td>{l.hours}</td>
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

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t("workspace.messages")}</h2>
        {messages.length === 0 ? <p>{t("workspace.noMessages")}</p> : null}
        <ul className="messages">
          {messages.map((m) => (
            <li key={m.id}>
              <p className="hint">
                {m.author} · {formatDateTime(m.createdAt, locale)}
              </p>
              <p>{m.body}</p>
            </li>
          ))}
        </ul>
        {role === "admin" ? (
          <p className="hint">{t("workspace.adminReadOnly")}</p>
        ) : (
          <Form method="post" key={`message-${messages.length}`}>
            <input type="hidden" name="intent" value="message" />
            <div className="field">
              <label htmlFor="message-body">{t("workspace.message")}</label>
              <textarea id="message-body" name="body" rows={3} required maxLength={5000} />
            </div>
            <button type="submit" disabled={busy}>
              {t("workspace.send")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Traject – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
