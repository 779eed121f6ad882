import { json } from "@remix-run/node";
import { getHealth } from "~/modules/platform/index.server";

/** Public on purpose: load balancers ask without credentials. It reveals only which parts are in use. */
export async function loader() {
  const { databaseUp, ...health } = await getHealth();
  return json(health, { status: databaseUp ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
