import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SerializeFrom } from "@remix-run/node";
import { formatMoney } from "~/lib/format";
import type { Locale } from "~/lib/i18n";
import { ConfirmButton } from "~/ui/confirm-button";
import { FormErrors } from "~/ui/forms";
import type { loader } from "./route";

type Data = SerializeFrom<typeof loader>;

/** One milestone: what to deliver, what was delivered, and the form the viewer's part allows. */
export function MilestoneCard({
  m,
  role,
  locale,
  providerName,
  deliverableNow,
  errors,
}: {
  m: Data["milestones"][number];
  role: Data["role"];
  locale: Locale;
  providerName: string;
  deliverableNow: boolean;
  /** What went wrong with this milestone's form, shown in it. */
  errors?: string[];
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <article key={m.id} className="card" aria-labelledby={`milestone-${m.id}`}>
      <h3 id={`milestone-${m.id}`}>
        {t("workspace.milestone", { position: m.position, phase: t(`requests.${m.phase}`) })} · {formatMoney(m.priceCents, locale)}
      </h3>
      <p>
        <strong>{t(`workspace.milestoneStatus.${m.status}`)}</strong>
      </p>
      <p>
        {t("workspace.deliverables")}: {m.deliverables}
      </p>
      {m.submission ? (
        <div>
          <p>
            {t("workspace.submission")}: {m.submission}
          </p>
          <ul>
            {(m.submissionLinks ?? []).map((link) => (
              <li key={link}>
                <a href={link} rel="noopener noreferrer nofollow">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {m.decisionComment ? (
        <p>
          {t("workspace.comment")}: {m.decisionComment}
        </p>
      ) : null}
      {/* Only the milestone of the phase the engagement is in can be delivered now. */}
      {role === "provider" && deliverableNow && (m.status === "pending" || m.status === "changes_requested") ? (
        <Form method="post">
          <FormErrors errors={errors} focus />
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="milestoneId" value={m.id} />
          <div className="field">
            <label htmlFor={`submission-${m.id}`}>{t("workspace.submission")}</label>
            <textarea id={`submission-${m.id}`} name="text" rows={3} required maxLength={5000} />
          </div>
          <div className="field">
            <label htmlFor={`links-${m.id}`}>{t("workspace.links")}</label>
            <textarea id={`links-${m.id}`} name="links" rows={2} />
          </div>
          <button type="submit" disabled={busy}>
            {t("workspace.submitMilestone")}
          </button>
        </Form>
      ) : null}
      {role === "retailer" && m.status === "submitted" ? (
        <Form method="post">
          <FormErrors errors={errors} focus />
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="milestoneId" value={m.id} />
          <div className="field">
            <label htmlFor={`comment-${m.id}`}>{t("workspace.commentForChanges")}</label>
            <textarea id={`comment-${m.id}`} name="comment" rows={2} maxLength={2000} />
          </div>
          <p className="actions">
            {/* Approving the implementation completes the engagement: asked first. */}
            {m.phase === "implementation" ? (
              <ConfirmButton name="decision" value="approve" disabled={busy} question={t("workspace.confirmApproveLast", { provider: providerName })}>
                {t("workspace.approve")}
              </ConfirmButton>
            ) : (
              <button type="submit" name="decision" value="approve" disabled={busy}>
                {t("workspace.approve")}
              </button>
            )}
            <button type="submit" name="decision" value="changes" disabled={busy} className="button-secondary">
              {t("workspace.requestChanges")}
            </button>
          </p>
        </Form>
      ) : null}
    </article>
  );
}
