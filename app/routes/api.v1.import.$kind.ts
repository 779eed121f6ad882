import { json, type ActionFunctionArgs } from "@remix-run/node";
import { readText } from "~/lib/forms.server";
import { withoutControlCharacters } from "~/lib/text";
import { requireApiUser } from "~/modules/auth/index.server";
import { importBusinesses, importProviders } from "~/modules/profiles/index.server";

/** 20 MB: some 100,000 rows; larger files belong in several imports. */
const maxBytes = 20 * 1024 * 1024;
/** A Map, so a kind like `__proto__` or `constructor` is simply unknown. */
const importers = new Map([
  ["providers", importProviders],
  ["businesses", importBusinesses],
]);

export async function loader() {
  return json({ error: { code: "method_not_allowed", message: "Gebruik POST met een CSV-bestand." } }, { status: 405, headers: { Allow: "POST" } });
}

/** POST /api/v1/import/providers|businesses, body text/csv, admin token. All rows or none. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireApiUser(request);
  if (user.role !== "admin") return json({ error: { code: "forbidden", message: "Alleen het programmabureau mag importeren." } }, { status: 403 });
  const importer = importers.get(params.kind ?? "");
  if (!importer || request.method !== "POST") return json({ error: { code: "not_found", message: "Onbekende import." } }, { status: 404 });
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!["text/csv", "text/plain", "application/csv"].includes(type)) {
    return json({ error: { code: "unsupported_media_type", message: "Stuur het bestand als text/csv." } }, { status: 415 });
  }
  const text = await readText(request, maxBytes);
  if (text === null) return json({ error: { code: "too_large", message: "Het bestand is groter dan 20 MB." } }, { status: 413 });
  const result = await importer(withoutControlCharacters(text), user.id);
  if (!result.ok) return json({ error: { code: "invalid_rows", message: "Niets geïmporteerd: verbeter deze rijen." }, errors: result.errors }, { status: 422 });
  return json({ imported: result.imported, created: result.created, updated: result.updated });
}
