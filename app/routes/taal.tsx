import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseFields, readFormData } from "~/lib/forms.server";
import { supportedLocales, translator } from "~/lib/i18n";
import { localeCookie } from "~/lib/i18n/locale.server";
import { getUser, requireSameOrigin, setUserLocale } from "~/modules/auth/index.server";
import { safeRedirect } from "~/modules/auth/schemas";

export async function loader() {
  return redirect("/");
}

const LocaleSchema = z.object({ locale: z.enum(supportedLocales), redirectTo: z.string().max(500).optional() });

/** Remembers the language on the account of a logged-in user, in a cookie for a visitor. */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = await getUser(request);
  const parsed = parseFields(await readFormData(request), LocaleSchema);
  if (!parsed.ok) return json({ error: translator("nl")("errors.invalidChoice") }, { status: 400 });
  if (user) await setUserLocale(user.id, parsed.value.locale);
  return redirect(safeRedirect(parsed.value.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.value.locale) },
  });
}
