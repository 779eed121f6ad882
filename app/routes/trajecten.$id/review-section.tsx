import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "./route";

type Data = SerializeFrom<typeof loader>;

/** The retailer's review of a completed engagement and the provider's one reply. */
export function ReviewSection({ review, role }: Pick<Data, "review" | "role">) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
      <section aria-labelledby="review-title">
        <h2 id="review-title">{t("workspace.reviewTitle")}</h2>
        {review ? (
          <>
            <p>
              <strong>{t("workspace.stars", { rating: review.rating })}</strong> — {review.body}
            </p>
            {review.reply ? (
              <p>
                {t("workspace.reply")}: {review.reply}
              </p>
            ) : role === "provider" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="reply" />
                <div className="field">
                  <label htmlFor="review-reply">{t("workspace.reply")}</label>
                  <textarea id="review-reply" name="reply" rows={2} maxLength={2000} required />
                </div>
                <button type="submit" disabled={busy}>
                  {t("workspace.submitReply")}
                </button>
              </Form>
            ) : null}
          </>
        ) : role === "retailer" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="review" />
            <div className="field">
              <label htmlFor="review-rating">{t("workspace.rating")}</label>
              <select id="review-rating" name="rating" defaultValue="5">
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="review-body">{t("workspace.reviewBody")}</label>
              <textarea id="review-body" name="body" rows={3} maxLength={3000} required />
            </div>
            <button type="submit" disabled={busy}>
              {t("workspace.submitReview")}
            </button>
          </Form>
        ) : null}
      </section>
  );
}
