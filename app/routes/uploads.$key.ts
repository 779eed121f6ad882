import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/modules/auth/index.server";
import { uploads } from "~/modules/uploads/index.server";
import { invariantResponse } from "~/lib/responses";

/**
 * Uploaded photos. Each key names one re-encoded file that never changes (a new photo gets a new
 * key), so browsers may keep it for a year. The keys are random, and only published promotions
 * link to them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await getUser(request);
  const bytes = await uploads.get(params.key ?? "");
  invariantResponse(bytes);
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "image/webp", "Cache-Control": "public, max-age=31536000, immutable", "Content-Length": String(bytes.byteLength) },
  });
}
