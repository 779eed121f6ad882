import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate, formatMoney } from "~/lib/format";
import { parseFields, readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { acceptBid, cancelHelpRequest, getOwnHelpRequest, publishHelpRequest } from "~/modules/marketplace/index.server";
import { estimateVouchers } from "~/modules/vouchers/index.server";
import { isStarterToday } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";
import { ConfirmButton } from "~/ui/confirm-button";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const found = await getOwnHelpRequest(user.id, params.id ?? "");
  invariantResponse(found);
  const estimates = await estimateVouchers(found.bids.map((b) => b.bid.priceCents));
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
]);

/** Three forms, told apart by `intent`: publish the draft, cancel, accept a bid. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const id = params.id ?? "";
  // Someone else's request is not found, whatever the form holds.
  invariantResponse(await getOwnHelpRequest(user.id, id));
  const parsed = parseFields(await readFormData(request), IntentSchema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
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
  // The declaration of no double funding is stored with the voucher, dated now.
  const result = await acceptBid(user.id, id, parsed.value.bidId, new Date());
  if (!result.ok) return refused(result.error);
  return redirectWithToast(`/trajecten/${result.engagementId}`, { key: "requests.accepted" });
}

/** A request that is not the retailer's own is not found; one in the wrong state says why not. */
function refused(error: string) {
  invariantResponse(error !== "notFound");
  return json({ errors: ["requests.notAllowed"] }, { status: 409 });
}

export default function HelpRequestPage() {
  const { t } = useTranslation();
  const { request, businessName, invitations, bids, engagementId, locale } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div>
      <p>
        <Link to="/ondernemer/hulpvragen">← {t("requests.title")}</Link>
      </p>
      <PageHeader title={request.title}>
        {businessName} · <strong>{t(`requests.status.${request.status}`)}</strong>
        {request.status === "open" ? ` · ${t("requests.deadline", { date: formatDate(request.bidDeadline, locale) })}` : null}
      </PageHeader>
      <FormErrors errors={failed?.errors} />
      <p>{request.description}</p>
      <ul className="tag-list" aria-label={t("requests.services")}>
        {request.services.map((s) => (
          <li key={s}>{t(`services.${s}`)}</li>
        ))}
      </ul>
      <p>
        {t("requests.budgetBand")}: {t(`requests.bands.${request.budgetBand}`)}
      </p>
      <div className="actions">
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
                <Link to={`/aanbieders/${i.slug}`}>{i.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {request.status !== "draft" ? (
        <section aria-labelledby="bids-title">
          <h2 id="bids-title">{t("requests.compare")}</h2>
          {bids.length === 0 ? (
            <p>{t("requests.noBids")}</p>
          ) : (
            <Table>
                <caption className="hint">{t("requests.voucherEstimate")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("requests.provider")}</th>
                    <th scope="col">{t("requests.price")}</th>
                    <th scope="col">{t("requests.priceInclVat")}</th>
                    <th scope="col">{t("voucher.amount")}</th>
                    <th scope="col">{t("voucher.ownShare")}</th>
                    <th scope="col">{t("requests.hours")}</th>
                    <th scope="col">{t("requests.rating")}</th>
                    <th scope="col">{t("requests.timeline")}</th>
                    <th scope="col">{t("requests.start")}</th>
                    <th scope="col">{t("requests.bidState")}</th>
                  </tr>
                </thead>
                <tbody>
                  {bids.map(({ bid, providerName, providerSlug, starter, priceInclVatCents, ratingAverage, voucher }) => (
                    <tr key={bid.id}>
                      <th scope="row">
                        <Link to={`/aanbieders/${providerSlug}`}>{providerName}</Link> {starter ? <span className="badge">{t("provider.starter")}</span> : null}
                        <details>
                          <summary>{t("requests.approach")}</summary>
                          <p>{bid.approach}</p>
                          <p>
                            <strong>{t("requests.advice")}</strong> ({formatMoney(bid.advice.priceCents, locale)}, {t("requests.days", { count: bid.advice.durationDays })}): {bid.advice.deliverables}
                          </p>
                          <p>
                            <strong>{t("requests.implementation")}</strong> ({formatMoney(bid.implementation.priceCents, locale)}, {t("requests.days", { count: bid.implementation.durationDays })}): {bid.implementation.deliverables}
                          </p>
                        </details>
                      </th>
                      <td>{formatMoney(bid.priceCents, locale)}</td>
                      <td>{formatMoney(priceInclVatCents, locale)}</td>
                      <td>{voucher ? formatMoney(voucher.amountCents, locale) : "—"}</td>
                      <td>{voucher ? formatMoney(voucher.ownShareCents, locale) : formatMoney(priceInclVatCents, locale)}</td>
                      <td>{bid.estimatedHours}</td>
                      <td>{ratingAverage != null ? t("workspace.averageStars", { rating: ratingAverage }) : t("reviewsPublic.none")}</td>
                      <td>{t("requests.days", { count: bid.advice.durationDays + bid.implementation.durationDays })}</td>
                      <td>{formatDate(bid.startDate, locale, { dateStyle: "medium" })}</td>
                      <td>{t(`opportunities.bidStatus.${bid.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
          )}
          {/* Accepting is a step of its own, below the comparison: with its declaration, per proposal. */}
          {request.status === "open" && bids.some(({ bid }) => bid.status === "submitted") ? (
            <>
              <h3>{t("requests.acceptTitle")}</h3>
              <ul className="cards">
                {bids
                  .filter(({ bid }) => bid.status === "submitted")
                  .map(({ bid, providerName }) => (
                    <li key={bid.id} className="card">
                      <h4>
                        {providerName} · {formatMoney(bid.priceCents, locale)}
                      </h4>
                      <Form method="post">
                        <input type="hidden" name="bidId" value={bid.id} />
                        <label className="choice small">
                          <input type="checkbox" name="noDoubleFunding" value="on" required />
                          <span>{t("voucher.declaration")}</span>
                        </label>
                        <ConfirmButton name="intent" value="accept" disabled={busy} aria-label={`${t("requests.accept")}: ${providerName}`} question={t("requests.confirmAccept", { provider: providerName })}>
                          {t("requests.accept")}
                        </ConfirmButton>
                      </Form>
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Hulpvraag – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
