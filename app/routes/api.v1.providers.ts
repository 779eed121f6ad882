import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/lib/i18n";
import { requireApiUser } from "~/modules/auth/index.server";
import { searchDirectory } from "~/modules/matching/index.server";
import { DirectoryParamsSchema, searchParamsToObject } from "~/modules/matching/params";

const t = translator("nl");

/** GET /api/v1/providers?q=&service=&sector=&municipality=&language=&starter=&sort=&near=&page= for any valid token. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiUser(request);
  const parsed = DirectoryParamsSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!parsed.success) {
    return json(
      { error: { code: "invalid_query", message: "Ongeldige zoekopdracht.", fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), t(i.message, { max: 200 })])) } },
      { status: 400 },
    );
  }
  const result = await searchDirectory(parsed.data);
  return json({ hits: result.hits, facets: result.facets, total: result.total, page: result.page, perPage: result.perPage });
}
