import { parseWithZod } from "@conform-to/zod";
import { json } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { translator } from "./i18n";
import { getLocale } from "./i18n/locale.server";
import { cleanJson, withoutControlCharacters } from "./text";

/** What a form may weigh unless its route says otherwise: far more than any of our text forms needs. */
export const formMaxBytes = 1024 * 1024;
/**
 * How many fields a form may have: the largest of ours (a provider's profile with every
 * municipality, service, sector and language ticked) has about 110. Conform's parsing is
 * superlinear in the number of entries (40,000 repeats of one name blocked the process for 26 s), so
 * the entries are counted in the raw bytes, before anything parses them.
 */
export const formMaxFields = 300;

/** Entries in a form body as sent, counted without parsing it: separators in a URL-encoded body, boundaries in a multipart one. */
export function countFormEntries(contentType: string, bytes: Uint8Array): number {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boundary = /multipart\/form-data/i.test(contentType) ? /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType) : null;
  const separator = boundary ? Buffer.from(`--${boundary[1] ?? boundary[2]}`) : Buffer.from("&");
  let count = boundary ? -1 : body.length > 0 ? 1 : 0; // n boundaries close n - 1 parts
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, at + separator.length)) count++;
  return Math.max(count, 0);
}

/**
 * The body's bytes, or null once it proves larger than `maxBytes`, by its Content-Length or by
 * counting as it arrives (a chunked body announces no length). Reading stops there: the rest is
 * never read, and the HTTP server closes the connection after any 413.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Not cancelled: cancelling would destroy the socket, and with it the 413.
    if (total > maxBytes) return reader.releaseLock(), null;
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body, parsed as the form it says it is (URL-encoded or multipart), from bytes already read. */
function parseForm(request: Request, bytes: Uint8Array<ArrayBuffer>) {
  return new Request(request.url, { method: "POST", headers: { "Content-Type": request.headers.get("Content-Type") ?? "" }, body: bytes }).formData();
}

/**
 * The posted form, at most `maxBytes` (413 beyond), or a 400 in Dutch when the body is not a form
 * at all (JSON, garbage, wrong type). Names and text values come without control characters.
 */
export async function readFormData(request: Request, maxBytes = formMaxBytes, maxFields = formMaxFields) {
  const bytes = await readBody(request, maxBytes);
  const refuse = async (key: string, status: number) => json({ error: translator(await getLocale(request))(key) }, { status });
  if (!bytes) throw await refuse("errors.formTooLarge", 413);
  if (countFormEntries(request.headers.get("Content-Type") ?? "", bytes) > maxFields) throw await refuse("errors.formTooManyFields", 413);
  let form: FormData;
  try {
    form = await parseForm(request, bytes);
  } catch {
    throw await refuse("errors.invalidForm", 400);
  }
  const clean = new FormData();
  for (const [name, value] of form) clean.append(withoutControlCharacters(name), typeof value === "string" ? withoutControlCharacters(value) : value);
  return clean;
}

/** A JSON body, at most `maxBytes`: "tooLarge", "invalid", or the value with its strings cleaned of control characters. */
export async function readJson(request: Request, maxBytes = formMaxBytes): Promise<{ ok: true; value: unknown } | { ok: false; error: "tooLarge" | "invalid" }> {
  const text = await readText(request, maxBytes);
  if (text === null) return { ok: false, error: "tooLarge" };
  try {
    return { ok: true, value: cleanJson(JSON.parse(text)) };
  } catch {
    return { ok: false, error: "invalid" };
  }
}

/** The body as UTF-8 text, or null when it is larger than `maxBytes`. */
export async function readText(request: Request, maxBytes: number) {
  const bytes = await readBody(request, maxBytes);
  return bytes && new TextDecoder().decode(bytes);
}

export type Upload = { ok: true; form: FormData; text: string } | { ok: false; status: 400 | 413; error: string };

/**
 * A form with one uploaded file (CSV imports, bank statements): refused by size before or while it
 * is read, then the file's text (without control characters; UTF-8 unless `decode` says how) with
 * the rest of the form. Errors are i18n keys.
 */
export async function readUpload(request: Request, maxBytes: number, options: { field?: string; decode?: (bytes: Uint8Array) => string } = {}): Promise<Upload> {
  const { field = "file", decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes) } = options;
  // A little room over the file itself for the multipart envelope and the other fields.
  const bytes = await readBody(request, maxBytes + 10_000);
  if (!bytes) return { ok: false, status: 413, error: "import.fileTooLarge" };
  if (countFormEntries(request.headers.get("Content-Type") ?? "", bytes) > formMaxFields) return { ok: false, status: 413, error: "errors.formTooManyFields" };
  let form: FormData;
  try {
    form = await parseForm(request, bytes);
  } catch {
    return { ok: false, status: 400, error: "errors.invalidForm" };
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) return { ok: false, status: 400, error: "import.fileRequired" };
  if (file.size > maxBytes) return { ok: false, status: 413, error: "import.fileTooLarge" };
  return { ok: true, form, text: withoutControlCharacters(decode(new Uint8Array(await file.arrayBuffer()))) };
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

/**
 * The root names a schema declares (`milestones` for `milestones[0].title`), or null when its shape
 * cannot be read (then nothing is left out).
 */
function fieldNames(schema: ZodTypeAny): Set<string> | null {
  const def = schema._def as Record<string, unknown> & { typeName?: string };
  const inner = (next: unknown) => fieldNames(next as ZodTypeAny);
  switch (def.typeName) {
    case "ZodObject":
      return new Set(Object.keys((def.shape as () => Record<string, unknown>)()));
    case "ZodEffects":
      return inner(def.schema);
    case "ZodPipeline":
      return inner(def.in);
    case "ZodBranded":
      return inner(def.type);
    case "ZodOptional":
    case "ZodNullable":
    case "ZodDefault":
    case "ZodCatch":
    case "ZodReadonly":
      return inner(def.innerType);
    case "ZodLazy":
      return inner((def.getter as () => unknown)());
    case "ZodIntersection":
    case "ZodUnion":
    case "ZodDiscriminatedUnion": {
      const parts = def.typeName === "ZodIntersection" ? [def.left, def.right] : [...(def.options as Iterable<unknown>)];
      const names = new Set<string>();
      for (const part of parts) {
        const partNames = inner(part);
        if (!partNames) return null;
        for (const name of partNames) names.add(name);
      }
      return names;
    }
    default:
      return null;
  }
}

/**
 * The one way a route parses a posted form: Conform's submission, validated by the schema shared
 * with the browser. Fields the schema does not declare are dropped first, so an error answer (which
 * echoes what was sent) never repeats what nobody asked for.
 */
export function parseSubmission<Schema extends ZodTypeAny>(form: FormData, schema: Schema) {
  const names = fieldNames(schema);
  if (!names) return parseWithZod(form, { schema });
  const declared = new FormData();
  for (const [name, value] of form) if (names.has(name.split(/[.[]/, 1)[0]) || name.startsWith("__")) declared.append(name, value);
  return parseWithZod(declared, { schema });
}

export type ParsedFields<Schema extends ZodTypeAny> = { ok: true; value: z.output<Schema> } | { ok: false; errors: string[] };

/**
 * The same parsing for forms of buttons and hidden fields, which have no input to show an error
 * beside: the value, or the messages as i18n keys (zod's own English ones become "invalid choice").
 */
export function parseFields<Schema extends ZodTypeAny>(form: FormData, schema: Schema): ParsedFields<Schema> {
  const submission = parseSubmission(form, schema);
  if (submission.status === "success") return { ok: true, value: submission.value };
  const messages = Object.values(submission.error ?? {}).flatMap((list) => list ?? []);
  return { ok: false, errors: [...new Set(messages.map((message) => (/^[\w-]+(\.[\w-]+)+$/.test(message) ? message : "errors.invalidChoice")))] };
}

