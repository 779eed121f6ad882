import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { redirectWithToast } from "~/lib/toast.server";
import { logOut, requireUserSession } from "~/modules/auth/index.server";

export async function loader() {
  // Logging out changes state, so it is a POST from the header's form only.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const { sessionId } = await requireUserSession(request);
  return redirectWithToast("/", { key: "auth.loggedOut", kind: "info" }, { headers: { "Set-Cookie": await logOut(sessionId) } });
}
