import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/modules/auth/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request);
  return json({ id: user.id, email: user.email, name: user.name, role: user.role });
}
