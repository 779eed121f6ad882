import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { env } from "./env.server";

/** A one-time message shown after a redirect, as an i18n key with its parameters. */
export interface Toast {
  key: string;
  params?: Record<string, string | number>;
  kind?: "success" | "info" | "error";
}

const storage = createCookieSessionStorage({
  cookie: {
    name: "koppel_toast",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.isProduction,
    secrets: [env.COOKIE_SECRET],
  },
});

export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const session = await storage.getSession();
  session.flash("toast", toast);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await storage.commitSession(session));
  return redirect(url, { ...init, headers });
}

/** Reads and clears the toast; the returned header must be sent with the response. */
export async function takeToast(request: Request) {
  const session = await storage.getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  return { toast, setCookie: toast ? await storage.commitSession(session) : null };
}
