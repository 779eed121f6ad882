import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { belgianDate } from "~/lib/dates";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { translator } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { getEditionBySlug, getOwnPromotion, savePromotion, withdrawPromotion } from "~/modules/campaigns/index.server";
import { PromotionSchema } from "~/modules/campaigns/schemas";
import { photoMaxBytes, photoTypes } from "~/modules/uploads/limits";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormErrors, PageHeader, TextareaField, useZodForm } from "~/ui/forms";
import { notFound } from "~/lib/responses";

async function loadOwn(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireRole(request, "retailer");
  const edition = await getEditionBySlug(params.edition ?? "");
  const own = edition && /^[0-9a-f-]{36}$/.test(params.businessId ?? "") ? await getOwnPromotion(user.id, params.businessId!, edition.id) : null;
  if (!edition || !own || edition.endsOn < belgianDate()) throw notFound();
  return { user, edition, ...own };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { edition, business, participant } = await loadOwn(request, params);
  return json({ edition, business, participant });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, business, participant } = await loadOwn(request, params);
  // Refused by its announced size before the body is read: a photo may weigh 5 MB, the text a little more.
  if (Number(request.headers.get("Content-Length") ?? 0) > photoMaxBytes + 100_000) {
    return json({ status: "error" as const, error: { photo: ["campaigns.photoTooLarge"] } }, { status: 413 });
  }
  const form = await readFormData(request, photoMaxBytes + 100_000);
  if (form.get("intent") === "withdraw") {
    if (participant && participant.status !== "removed") await withdrawPromotion(user.id, participant.id);
    return redirectWithToast("/ondernemer/zomer", { key: "campaigns.retailer.withdrawn" });
  }
  const submission = parseSubmission(form, PromotionSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const photo = form.get("photo");
  const result = await savePromotion(user.id, business.id, submission.value, photo instanceof File ? photo : null);
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    const reply = result.field ? submission.reply({ fieldErrors: { [result.field]: [result.error] } }) : submission.reply({ formErrors: [translator("nl")(result.error)] });
    return json(reply, { status: result.status });
  }
  return redirectWithToast("/ondernemer/zomer", { key: "campaigns.retailer.saved" });
}

export default function PromotionForm() {
  const { t } = useTranslation();
  const { edition, business, participant } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("promotion", PromotionSchema, lastResult as never, {
    editionId: edition.id,
    promotionTitle: participant?.promotionTitle,
    promotionText: participant?.promotionText,
    validFrom: participant?.validFrom ?? edition.startsOn,
    validUntil: participant?.validUntil ?? edition.endsOn,
  });
  const photoErrors = (lastResult as { error?: Record<string, string[]> } | undefined)?.error?.photo;
  return (
    <div className="narrow-wide">
      <PageHeader title={t("campaigns.retailer.formTitle", { business: business.name })}>
        {edition.title} · {t("campaigns.retailer.reviewNote")}
      </PageHeader>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.editionId, { type: "hidden" })} />
        <Field label={t("campaigns.retailer.promotionTitle")} meta={fields.promotionTitle} input={getInputProps(fields.promotionTitle, { type: "text" })} />
        <TextareaField label={t("campaigns.retailer.promotionText")} hint={t("campaigns.retailer.promotionTextHint")} meta={fields.promotionText} max={1000} />
        <Field label={t("campaigns.retailer.validFrom")} meta={fields.validFrom} input={getInputProps(fields.validFrom, { type: "date" })} />
        <Field label={t("campaigns.retailer.validUntil")} meta={fields.validUntil} input={getInputProps(fields.validUntil, { type: "date" })} />
        {participant?.photoKey ? (
          <div className="field">
            <p>{t("campaigns.retailer.currentPhoto")}</p>
            <img src={`/uploads/${participant.photoKey}`} alt="" width="240" />
            <label className="choice">
              <input type="checkbox" name="removePhoto" value="on" /> {t("campaigns.retailer.removePhoto")}
            </label>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="promotion-photo">{t("campaigns.retailer.photo")}</label>
          <p className="hint" id="promotion-photo-hint">
            {t("campaigns.retailer.photoHint")}
          </p>
          <input
            id="promotion-photo"
            type="file"
            name="photo"
            accept={photoTypes.join(",")}
            aria-describedby={photoErrors?.length ? "promotion-photo-hint promotion-photo-error" : "promotion-photo-hint"}
            aria-invalid={photoErrors?.length ? true : undefined}
          />
          <ErrorList id="promotion-photo-error" errors={photoErrors} />
        </div>
        <p className="actions">
          <button type="submit" name="intent" value="save" disabled={navigation.state === "submitting"}>
            {t("campaigns.retailer.save")}
          </button>
          <Link to="/ondernemer/zomer">{t("campaigns.retailer.back")}</Link>
        </p>
      </Form>
      {participant && participant.status !== "removed" ? (
        <Form method="post" encType="multipart/form-data">
          <button type="submit" name="intent" value="withdraw" className="link-button">
            {t("campaigns.retailer.withdraw")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Zomerpromotie – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
