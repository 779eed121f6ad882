import { nl } from "~/lib/i18n/nl";

/** The Dutch sentences a response carries: its i18n keys resolved the way the page resolves them. */
export async function dutchErrors(response: Response) {
  const body = JSON.stringify(await response.clone().json());
  const keys = [...body.matchAll(/"((?:errors|admin|auth|vetting)\.\w+)"/g)].map((m) => m[1]);
  return keys.map((key) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], nl));
}
