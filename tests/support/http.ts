/** Builds requests the way a browser on Koppel's own pages would send them. */

export const origin = "http://localhost:3000";

export function formRequest(
  pathname: string,
  fields: Record<string, string | string[]>,
  options: { cookie?: string; origin?: string | null; method?: string } = {},
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (options.origin !== null) headers.set("Origin", options.origin ?? origin);
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`${origin}${pathname}`, { method: options.method ?? "POST", headers, body });
}

/** A multipart form with files, as a browser posts a form with encType="multipart/form-data". */
export function multipartRequest(pathname: string, fields: Record<string, string>, files: Record<string, File> = {}, options: { cookie?: string } = {}) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const [key, file] of Object.entries(files)) body.append(key, file);
  const headers = new Headers({ Origin: origin });
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`${origin}${pathname}`, { method: "POST", headers, body });
}

export function getRequest(pathname: string, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`${origin}${pathname}`, { headers });
}

/** The `name=value` pairs a browser would send back, from a response's Set-Cookie headers. */
export function cookiesFrom(response: Response) {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

export function sessionIdFrom(cookie: string) {
  return /koppel_session=([^;]+)/.exec(cookie)?.[1];
}

/** Runs a loader or action and returns its Response, whether it was returned or thrown. */
export async function respond(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export const context = { requestId: "test", cspNonce: "", clientIp: "203.0.113.7" };
export const args = (request: Request, params: Record<string, string> = {}, ctx = context) => ({ request, params, context: ctx });
