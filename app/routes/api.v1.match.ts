import { json, type ActionFunctionArgs } from "@remix-run/node";
import { readJson } from "~/lib/forms.server";
import { translator } from "~/lib/i18n";
import { requireApiUser } from "~/modules/auth/index.server";
import { rankProviders } from "~/modules/matching/index.server";
import { MatchRequestSchema } from "~/modules/matching/params";

const t = translator("nl");

export async function loader() {
  return json({ error: { code: "method_not_allowed", message: "Gebruik POST met een JSON-body." } }, { status: 405, headers: { Allow: "POST" } });
}

/** POST /api/v1/match {nisCode, sector, services, languages, text, budgetCents, limit} → ranked providers with their factors. */
export async function action({ request }: ActionFunctionArgs) {
  await requireApiUser(request);
  const body = await readJson(request);
  if (!body.ok && body.error === "tooLarge") return json({ error: { code: "too_large", message: "De body is groter dan 1 MB." } }, { status: 413 });
  if (!body.ok) return json({ error: { code: "invalid_json", message: "De body is geen geldige JSON." } }, { status: 400 });
  const parsed = MatchRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    return json(
      { error: { code: "invalid_request", message: "Ongeldige aanvraag.", fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "body", t(i.message, { max: 500 })])) } },
      { status: 400 },
    );
  }
  const results = await rankProviders(parsed.data);
  if (!results) return json({ error: { code: "invalid_request", message: "Onbekende gemeente.", fields: { nisCode: t("errors.invalidMunicipality") } } }, { status: 400 });
  return json({
    results: results.map((r) => ({ providerId: r.providerId, enterpriseNumber: r.enterpriseNumber, name: r.name, score: r.score, factors: r.factors })),
  });
}
