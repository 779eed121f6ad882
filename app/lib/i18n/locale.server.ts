import { createCookie } from "@remix-run/node";
import { env } from "../env.server";
import { defaultLocale, isLocale, type Locale } from "./index";

/** A visitor's language; a logged-in user's lives on their account. */
export const localeCookie = createCookie("koppel_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: env.isProduction,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLocale(request: Request, user?: { locale: Locale } | null): Promise<Locale> {
  if (user && isLocale(user.locale)) return user.locale;
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : defaultLocale;
}
