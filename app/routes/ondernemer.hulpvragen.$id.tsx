import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate, formatMoney, formatNumber } from "~/lib/format";
import { parseFields, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { acceptBid, askBidder, cancelHelpRequest, getOwnHelpRequest, publishHelpRequest } from "~/modules/marketplace/index.server";
import { estimateVouchers } from "~/modules/vouchers/index.server";
import { isStarterToday } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { MessageThread } from "~/ui/message-thread";
import { requiredText } from "~/modules/profiles/schemas";
import { ConfirmButton } from "~/ui/confirm-button";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const found = await getOwnHelpRequest(user.id, params.id ?? "");
  invariantResponse(found);
  const estimates = await estimateVouchers(found.bids.map((b) => ({ priceCents: b.bid.priceCents, vatStatus: b.vatStatus })));
  return json({
    ...found,
    bids: found.bids.map((b, i) => ({ ...b, starter: isStarterToday(b.foundedOn), ...estimates[i] })),
    locale: await getLocale(request, user),
  });
}

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("accept"), bidId: z.string().uuid(), noDoubleFunding: z.literal("on", { errorMap: () => ({ message: "voucher.declarationRequired" }) }) }),
  z.object({ intent: z.literal("ask"), bidId: z.string().uuid(), body: requiredText(5000) }),
]);

/** Four forms, told apart by `intent`: publish the draft, cancel, ask a bidder a question, accept a bid. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const id = params.id ?? "";
  // Someone else's request is not found, whatever the form holds.
  invariantResponse(await getOwnHelpRequest(user.id, id));
  const formData = await readFormData(request);
  // A refusal is shown in the form that caused it: the bid's question or its acceptance.
  const bidForm = { form: String(formData.get("intent")), bidId: String(formData.get("bidId") ?? "") };
  const parsed = parseFields(formData, IntentSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, ...bidForm }, { status: 400 });
  const here = `/ondernemer/hulpvragen/${id}`;
  if (parsed.value.intent === "publish") {
    const result = await publishHelpRequest(user.id, id);
    if (!result.ok) return refused(result.error);
    return redirectWithToast(here, { key: "requests.published", params: { count: result.invited } });
  }
  if (parsed.value.intent === "cancel") {
    const result = await cancelHelpRequest(user.id, id);
    if (!result.ok) return refused(result.error);
    return redirectWithToast(here, { key: "requests.cancelled", kind: "info" });
  }
  if (parsed.value.intent === "ask") {
    const asked = await askBidder(user.id, id, parsed.value.bidId, parsed.value.body);
    if (!asked.ok) return refused(asked.error, bidForm);
    return redirectWithToast(`${here}#bid-${parsed.value.bidId}`, { key: "requests.asked" });
  }
  // The declaration of no double funding is stored with the voucher, dated now.
  const result = await acceptBid(user.id, id, parsed.value.bidId, new Date());
  if (!result.ok) return refused(result.error, bidForm);
  return redirectWithToast(`/trajecten/${result.engagementId}`, { key: "requests.accepted" });
}

/** A request that is not the retailer's own is not found; one in the wrong state says why not. */
function refused(error: string, bidForm?: { form: string; bidId: string }) {
  invariantResponse(error !== "notFound");
  return json({ errors: ["requests.notAllowed"], ...bidForm }, { status: 409 });
}

export default function HelpRequestPage() {
  const { t } = useTranslation();
  const { request, businessName, invitations, bids, engagementId, locale } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const open = request.status === "open";
  return (
    <div>
      <p>
        <Link to="/ondernemer/hulpvragen">← {t("requests.title")}</Link>
      </p>
      <PageHeader title={request.title}>
        {businessName} · <strong>{t(`requests.status.${request.status}`)}</strong>
        {request.status === "open" ? ` · ${t("requests.deadline", { date: formatDate(request.bidDeadline, locale) })}` : null}
      </PageHeader>
      <FormErrors errors={failed && !("bidId" in failed && failed.bidId) ? failed.errors : null} />
      <p>{request.description}</p>
      <ul className="tag-list" aria-label={t("requests.services")}>
        {request.services.map((s) => (
          <li key={s}>{t(`services.${s}`)}</li>
        ))}
      </ul>
      <p>
        {t("requests.budgetBand")}: {t(`requests.bands.${request.budgetBand}`)}
        <br />
        {t("requests.desiredStart")}: {request.desiredStart ? formatDate(request.desiredStart, locale) : t("requests.noDesiredStart")}
        <br />
        {t("requests.languages")}: {request.languages.map((l) => t(`languages.${l}`)).join(", ")}
      </p>
      <div className="actions">
        {request.status === "draft" ? (
          <Link className="button button-secondary" to={`/ondernemer/hulpvragen/${request.id}/bewerken`}>
            {t("requests.edit")}
          </Link>
        ) : null}
        {request.status === "draft" ? (
          <Form method="post">
            <button type="submit" name="intent" value="publish" disabled={busy}>
              {t("requests.publish")}
            </button>
          </Form>
        ) : null}
        {request.status === "draft" || request.status === "open" ? (
          <Form method="post">
            <ConfirmButton name="intent" value="cancel" className="button-danger" disabled={busy} question={t("requests.confirmCancel")}>
              {t("requests.cancel")}
            </ConfirmButton>
          </Form>
        ) : null}
        {engagementId ? (
          <Link className="button" to={`/trajecten/${engagementId}`}>
            {t("requests.engagement")}
          </Link>
        ) : null}
      </div>

      {invitations.length ? (
        <section aria-labelledby="invited-title">
          <h2 id="invited-title">{t("requests.invited")}</h2>
          <ul>
            {invitations.map((i) => (
              <li key={i.providerId}>
                <Link to={`/aanbieders/${i.slug}`}>{i.name}</Link> · {i.answered ? t("requests.answered") : t("requests.notAnswered")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {request.status !== "draft" ? (
        <section aria-labelledby="bids-title">
          <h2 id="bids-title">{t("requests.compare")}</h2>
          {bids.length === 0 ? <p>{t("requests.noBids")}</p> : <p className="hint">{t("requests.voucherEstimate")}</p>}
          {/*
           * One card per proposal, with everything needed to choose on a phone: the money, the
           * phases in full, questions to the bidder, and accepting it with its declaration.
           */}
          <ul className="cards proposals">
            {bids.map(({ bid, providerName, providerSlug, starter, priceInclVatCents, ratingAverage, reviewCount, voucher, thread, vatStatus }) => (
              <li key={bid.id} id={`bid-${bid.id}`} className="card">
                <h3>
                  <Link to={`/aanbieders/${providerSlug}`}>{providerName}</Link> {starter ? <span className="badge">{t("provider.starter")}</span> : null}
                </h3>
                <dl className="facts">
                  <dt>{t("requests.price")}</dt>
                  <dd>{formatMoney(bid.priceCents, locale)}</dd>
                  <dt>{t("requests.priceInclVat")}</dt>
                  <dd>{vatStatus === "small_enterprise" ? t("requests.noVat") : formatMoney(priceInclVatCents, locale)}</dd>
                  <dt>{t("voucher.amount")}</dt>
                  <dd>{voucher ? formatMoney(voucher.amountCents, locale) : "—"}</dd>
                  <dt>{t("voucher.ownShare")}</dt>
                  <dd>
                    <strong>{formatMoney(voucher ? voucher.ownShareCents : priceInclVatCents, locale)}</strong>
                  </dd>
                  <dt>{t("requests.rating")}</dt>
                  <dd>{ratingAverage != null ? t("requests.ratingWithCount", { rating: ratingAverage, count: reviewCount }) : t("reviewsPublic.none")}</dd>
                  <dt>{t("requests.hours")}</dt>
                  <dd>{formatNumber(bid.estimatedHours, locale)}</dd>
                  <dt>{t("requests.timeline")}</dt>
                  <dd>{t("requests.days", { count: bid.advice.durationDays + bid.implementation.durationDays })}</dd>
                  <dt>{t("requests.start")}</dt>
                  <dd>{formatDate(bid.startDate, locale, { dateStyle: "medium" })}</dd>
                  <dt>{t("requests.bidState")}</dt>
                  <dd>{t(`opportunities.bidStatus.${bid.status}`)}</dd>
                </dl>
                {bid.approach ? (
                  <>
                    <h4>{t("requests.approach")}</h4>
                    <p>{bid.approach}</p>
                  </>
                ) : null}
                <h4>
                  {t("requests.advice")} · {formatMoney(bid.advice.priceCents, locale)} · {t("requests.days", { count: bid.advice.durationDays })}
                </h4>
                <p>{bid.advice.deliverables}</p>
                <h4>
                  {t("requests.implementation")} · {formatMoney(bid.implementation.priceCents, locale)} · {t("requests.days", { count: bid.implementation.durationDays })}
                </h4>
                <p>{bid.implementation.deliverables}</p>
                {open && bid.status === "submitted" ? (
                  <>
                    <h4>{t("requests.questions")}</h4>
                    <MessageThread
                      id={`question-${bid.id}`}
                      messages={thread}
                      locale={locale}
                      label={t("requests.askQuestion", { provider: providerName })}
                      fields={{ intent: "ask", bidId: bid.id }}
                      errors={failed?.bidId === bid.id && failed.form === "ask" ? failed.errors : null}
                      busy={busy}
                    />
                    {/* The declaration is checked before the question is asked: a yes is never refused afterwards. */}
                    <Form method="post" className="accept">
                      <FormErrors errors={failed?.bidId === bid.id && failed.form === "accept" ? failed.errors : null} focus />
                      <input type="hidden" name="bidId" value={bid.id} />
                      <label className="choice small">
                        <input type="checkbox" name="noDoubleFunding" value="on" required />
                        <span>{t("voucher.declaration")}</span>
                      </label>
                      <ConfirmButton name="intent" value="accept" disabled={busy} aria-label={`${t("requests.accept")}: ${providerName}`} question={t("requests.confirmAccept", { provider: providerName })}>
                        {t("requests.accept")}
                      </ConfirmButton>
                    </Form>
                  </>
                ) : thread.length ? (
                  <>
                    <h4>{t("requests.questions")}</h4>
                    <MessageThread id={`question-${bid.id}`} messages={thread} locale={locale} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Hulpvraag – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
