import { belgianDate } from "~/lib/dates";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/index.server";
import { exportUserData } from "~/modules/privacy/index.server";

/** GET /account/gegevens: everything Koppel holds about the user, as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await exportUserData(user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="koppel-gegevens-${belgianDate()}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
