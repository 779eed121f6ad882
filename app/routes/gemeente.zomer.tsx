import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { formatDate } from "~/lib/format";
import { parseFields, parseSubmission, readFormData } from "~/lib/forms.server";
import { translator } from "~/lib/i18n";
import { getLocale } from "~/lib/i18n/locale.server";
import { redirectWithToast } from "~/lib/toast.server";
import { getStaffMunicipalities, requireRole } from "~/modules/auth/index.server";
import { decideParticipant, getStaffEdition, inviteRetailer, listInvitations, listParticipantsForStaff } from "~/modules/campaigns/index.server";
import { decisionsFor } from "~/modules/campaigns/participation";
import { CampaignInviteSchema, InviteBusinessSchema, ParticipantDecisionSchema } from "~/modules/campaigns/schemas";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormErrors, PageHeader, SelectField, useZodForm } from "~/ui/forms";
import { CopyField } from "~/ui/copy-field";
import { Table } from "~/ui/table";
import { ConfirmButton } from "~/ui/confirm-button";
import { notFound } from "~/lib/responses";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, "municipality");
  const municipalities = await getStaffMunicipalities(staff.id);
  const nisCodes = municipalities.map((m) => m.nisCode);
  const { editions, edition } = await getStaffEdition(new URL(request.url).searchParams.get("editie"));
  const [participants, invitations, locale] = await Promise.all([
    edition ? listParticipantsForStaff(nisCodes, edition.id) : Promise.resolve([]),
    edition ? listInvitations(nisCodes, edition.id) : Promise.resolve([]),
    getLocale(request, staff),
  ]);
  return json({ municipalities, editions, edition, participants, invitations, locale, appUrl: env.APP_URL });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "municipality");
  const nisCodes = (await getStaffMunicipalities(staff.id)).map((m) => m.nisCode);
  const { edition } = await getStaffEdition(new URL(request.url).searchParams.get("editie"));
  const form = await readFormData(request);
  const back = `/gemeente/zomer${edition ? `?editie=${edition.slug}` : ""}`;
  if (form.get("intent") === "invite") {
    const submission = parseSubmission(form, CampaignInviteSchema);
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    if (!edition) return json(submission.reply({ formErrors: [translator("nl")("campaigns.editionClosed")] }), { status: 409 });
    const result = await inviteRetailer(staff.id, nisCodes, { editionId: edition.id, ...submission.value });
    if (!result.ok) return json(submission.reply({ fieldErrors: { [result.status === 404 ? "nisCode" : "email"]: [result.status === 404 ? "errors.invalidMunicipality" : result.error] } }), { status: result.status === 404 ? 400 : result.status });
    return redirectWithToast(back, { key: "campaigns.staff.invited" });
  }
  if (form.get("intent") === "invite-business") {
    const parsed = parseFields(form, InviteBusinessSchema);
    if (!parsed.ok) throw json({ error: translator("nl")("errors.invalidForm") }, { status: 400 });
    if (!edition) return redirectWithToast(back, { key: "campaigns.editionClosed", kind: "error" });
    const result = await inviteRetailer(staff.id, nisCodes, { editionId: edition.id, businessId: parsed.value.businessId });
    if (!result.ok && result.status === 404) throw notFound();
    return redirectWithToast(form.get("back") === "gemeente" ? "/gemeente" : back, result.ok ? { key: "campaigns.staff.invited" } : { key: result.error, kind: "error" });
  }
  const decision = parseFields(form, ParticipantDecisionSchema);
  if (!decision.ok) throw json({ error: translator("nl")("errors.invalidForm") }, { status: 400 });
  const result = await decideParticipant(staff.id, nisCodes, decision.value.participantId, decision.value.intent);
  if (!result.ok && result.status === 404) throw notFound();
  if (!result.ok) return redirectWithToast(back, { key: result.error, kind: "error" });
  return redirectWithToast(back, { key: "campaigns.staff.decided" });
}

export default function StaffCampaign() {
  const { t } = useTranslation();
  const { municipalities, editions, edition, participants, invitations, locale, appUrl } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("campaign-invite", CampaignInviteSchema, lastResult as never, { intent: "invite", nisCode: municipalities[0]?.nisCode });
  if (!edition) {
    return (
      <>
        <PageHeader title={t("campaigns.staff.title")}>{t("campaigns.staff.intro")}</PageHeader>
        <p>{t("campaigns.staff.noEdition")}</p>
      </>
    );
  }
  const query = `?editie=${edition.slug}`;
  return (
    <div className="wide-table">
      <PageHeader title={edition.title}>{t("campaigns.staff.intro")}</PageHeader>
      {editions.length > 1 ? (
        <Form method="get" className="inline-form">
          <div className="field">
            <label htmlFor="edition-choice">{t("campaigns.staff.edition")}</label>
            <select id="edition-choice" name="editie" defaultValue={edition.slug}>
              {editions.map((e) => (
                <option key={e.id} value={e.slug}>
                  {e.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <button type="submit">{t("campaigns.public.apply")}</button>
          </div>
        </Form>
      ) : null}
      <h2>{t("campaigns.staff.participants")}</h2>
      <p>
        <a href={`/gemeente/zomer/deelnemers.csv${query}`} download>
          {t("campaigns.staff.export")}
        </a>
      </p>
      {participants.length === 0 ? (
        <p>{t("campaigns.staff.noParticipants")}</p>
      ) : (
        <Table>
            <thead>
              <tr>
                <th scope="col">{t("campaigns.staff.business")}</th>
                <th scope="col">{t("campaigns.staff.promotion")}</th>
                <th scope="col">{t("campaigns.staff.status")}</th>
                <th scope="col">{t("campaigns.staff.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.businessName}
                    <br />
                    <span className="muted">{p.municipality}</span>
                  </th>
                  <td>
                    <strong>{p.promotionTitle}</strong>
                    <br />
                    {p.promotionText}
                    <br />
                    <span className="muted">
                      {formatDate(p.validFrom, locale, { dateStyle: "medium" })} – {formatDate(p.validUntil, locale, { dateStyle: "medium" })}
                    </span>
                    {p.photoKey ? (
                      <>
                        <br />
                        <img src={`/uploads/${p.photoKey}`} alt="" width="120" />
                      </>
                    ) : null}
                  </td>
                  <td>
                    {t(`campaigns.status.${p.status}`)}
                    {p.featured ? ` · ${t("campaigns.featured")}` : ""}
                    {p.changedSinceApproval ? <p className="notice">{t("campaigns.staff.changedSinceApproval", { name: p.publicName })}</p> : null}
                  </td>
                  <td>
                    <Form method="post" action={`/gemeente/zomer${query}`} className="actions">
                      <input type="hidden" name="participantId" value={p.id} />
                      {decisionsFor(p.status, p.featured, p.changedSinceApproval).map((d) =>
                        // Removing takes the business out of the campaign: a red button that asks first,
                        // not one that looks like "Uitlichten" beside it.
                        d === "remove" ? (
                          <ConfirmButton key={d} name="intent" value={d} className="button-danger" aria-label={`${t(`campaigns.decisions.${d}`)}: ${p.businessName}`} question={t("campaigns.staff.confirmRemove", { business: p.businessName })}>
                            {t(`campaigns.decisions.${d}`)}
                          </ConfirmButton>
                        ) : (
                          <button key={d} type="submit" name="intent" value={d} aria-label={`${t(`campaigns.decisions.${d}`)}: ${p.businessName}`}>
                            {t(`campaigns.decisions.${d}`)}
                          </button>
                        ),
                      )}
                      {p.status === "approved" ? <Link to={`/zomer/${p.municipalitySlug}/${p.businessSlug}/affiche`}>{t("campaigns.public.poster")}</Link> : null}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
      )}
      <section aria-labelledby="invite-title" className="narrow-wide">
        <h2 id="invite-title">{t("campaigns.staff.invite")}</h2>
        <Form method="post" action={`/gemeente/zomer${query}`} {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input {...getInputProps(fields.intent, { type: "hidden" })} />
          <Field label={t("campaigns.staff.inviteEmail")} meta={fields.email} input={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }} />
          {municipalities.length > 1 ? (
            <SelectField label={t("campaigns.staff.inviteMunicipality")} meta={fields.nisCode}>
              {municipalities.map((m) => (
                <option key={m.nisCode} value={m.nisCode}>
                  {m.name}
                </option>
              ))}
            </SelectField>
          ) : (
            <input {...getInputProps(fields.nisCode, { type: "hidden" })} />
          )}
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("campaigns.staff.inviteSend")}
          </button>
        </Form>
        {invitations.length > 0 ? (
          <>
            <h3>{t("campaigns.staff.invitations")}</h3>
            <ul>
              {invitations.map((i) => (
                <li key={i.id}>
                  {i.email ?? i.businessName} · {i.municipality} · {formatDate(i.createdAt, locale, { dateStyle: "medium" })} · {i.joined ? t("campaigns.staff.joined") : t("campaigns.staff.notJoined")}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="embed-title" className="narrow-wide">
        <h2 id="embed-title">{t("campaigns.staff.embedTitle")}</h2>
        <p>{t("campaigns.staff.embedIntro")}</p>
        {municipalities.map((m) => (
          <div key={m.nisCode}>
            {municipalities.length > 1 ? <h3>{m.name}</h3> : null}
            <CopyField
              id={`embed-${m.nisCode}`}
              label={t("campaigns.staff.embedCode")}
              rows={3}
              value={`<iframe src="${appUrl}/embed/zomer/${m.slug}" title="${t("campaigns.public.municipalityTitle", { municipality: m.name })}" width="100%" height="640" style="border:0" loading="lazy"></iframe>`}
            />
            <CopyField id={`feed-${m.nisCode}`} label={t("campaigns.staff.feedUrl")} rows={2} value={`${appUrl}/api/v1/campaigns/${edition.slug}/retailers?nis=${m.nisCode}`} />
          </div>
        ))}
        <p className="hint">{t("campaigns.staff.feedHint")}</p>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "ZomerInWestVlaanderen – Mijn gemeente – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
