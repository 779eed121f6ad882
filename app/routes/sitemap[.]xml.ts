import { belgianDate } from "~/lib/dates";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { getUser } from "~/modules/auth/index.server";
import { getRunningEdition, listMunicipalities, listPublicPromotionPaths } from "~/modules/campaigns/index.server";
import { listPublicProfilePaths } from "~/modules/profiles/index.server";

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Every public page for search engines: the fixed pages, profiles, and the running campaign. */
export async function loader({ request }: LoaderFunctionArgs) {
  await getUser(request);
  const edition = await getRunningEdition();
  const [profiles, promotions, municipalities] = await Promise.all([listPublicProfilePaths(), listPublicPromotionPaths(edition), edition ? listMunicipalities() : []]);
  const entries: { path: string; updatedAt?: Date }[] = [
    { path: "/" },
    { path: "/over" },
    { path: "/privacy" },
    { path: "/aanbieders" },
    { path: "/zomer" },
    ...municipalities.map((m) => ({ path: `/zomer/${m.slug}` })),
    ...promotions.map((p) => ({ path: `/zomer/${p.municipalitySlug}/${p.businessSlug}`, updatedAt: p.updatedAt })),
    ...profiles,
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `  <url><loc>${xml(`${env.APP_URL}${e.path}`)}</loc>${e.updatedAt ? `<lastmod>${belgianDate(e.updatedAt)}</lastmod>` : ""}</url>`).join("\n")}
</urlset>
`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
