import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { getUser } from "~/modules/auth/index.server";

/** Search engines may read the public pages; accounts, work areas, the API and widgets are not for them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await getUser(request);
  const disallowed = ["/account", "/aanbieder/", "/api/", "/beheer", "/dev/", "/embed/", "/gemeente", "/inloggen", "/meldingen", "/ondernemer", "/opdrachten", "/registreren", "/trajecten", "/wachtwoord-"];
  const body = ["User-agent: *", ...disallowed.map((p) => `Disallow: ${p}`), "", `Sitemap: ${env.APP_URL}/sitemap.xml`, ""].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
