import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/modules/auth/index.server";
import { getProgrammeBudgetFigures } from "~/modules/vouchers/index.server";

/** GET /api/v1/programmes/<id>/budget → {budgetCents, reservedCents, redeemedCents, availableCents}, admin token. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireApiUser(request);
  if (user.role !== "admin") return json({ error: { code: "forbidden", message: "Alleen het programmabureau ziet budgetten." } }, { status: 403 });
  const budget = await getProgrammeBudgetFigures(params.id ?? "");
  if (!budget) return json({ error: { code: "not_found", message: "Onbekend programma." } }, { status: 404 });
  const { budgetCents, reservedCents, redeemedCents, availableCents } = budget;
  return json({ budgetCents, reservedCents, redeemedCents, availableCents });
}
