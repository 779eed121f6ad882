import { json } from "@remix-run/node";
import { translator } from "./i18n";

/** The posted form, or a 400 in Dutch when the body is not a form at all (JSON, garbage, wrong type). */
export async function readFormData(request: Request) {
  try {
    return await request.formData();
  } catch {
    throw json({ error: translator("nl")("errors.invalidForm") }, { status: 400 });
  }
}
