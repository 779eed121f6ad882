import { json } from "@remix-run/node";
import { translator } from "./i18n";
import { getLocale } from "./i18n/locale.server";

/** The posted form, or a 400 in Dutch when the body is not a form at all (JSON, garbage, wrong type). */
export async function readFormData(request: Request) {
  try {
    return await request.formData();
  } catch {
    throw json({ error: translator("nl")("errors.invalidForm") }, { status: 400 });
  }
}

export type Upload = { ok: true; form: FormData; text: string } | { ok: false; status: 400 | 413; error: string };

/**
 * A form with one uploaded file (CSV imports, bank statements): refused by size before it is read,
 * then the file's text with the rest of the form. Errors are i18n keys.
 */
export async function readUpload(request: Request, maxBytes: number, field = "file"): Promise<Upload> {
  // A little room over the file itself for the multipart envelope and the other fields.
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes + 10_000) return { ok: false, status: 413, error: "import.fileTooLarge" };
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, status: 400, error: "errors.invalidForm" };
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) return { ok: false, status: 400, error: "import.fileRequired" };
  if (file.size > maxBytes) return { ok: false, status: 413, error: "import.fileTooLarge" };
  return { ok: true, form, text: await file.text() };
}

/**
 * A 429 with Retry-After; `body` gets the sentence, in the visitor's language, that says how many
 * minutes to wait (an i18n key with {{minutes}}).
 */
export async function tooManyRequests<T>(request: Request, retryAfterSeconds: number, body: (message: string) => T, key = "errors.tooManyRequests") {
  const t = translator(await getLocale(request));
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return json(body(t(key, { minutes })), { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}
