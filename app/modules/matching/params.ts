import { z } from "zod";
import { languageCodes, serviceCodes } from "~/modules/profiles/taxonomy";
import { sectorCodes } from "~/modules/profiles/taxonomy";

/*
 * Query parameters of the directory (page and API) and the body of the match API, checked the same
 * way for both. Lists come as repeated parameters (?service=website&service=webshop).
 */

const list = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values, { errorMap: () => ({ message: "errors.invalidChoice" }) })).max(values.length);
const nis = z.string().regex(/^3\d{4}$/, "errors.invalidMunicipality");

export const DirectoryParamsSchema = z.object({
  q: z.string().trim().max(200, "errors.tooLong").optional(),
  service: list(serviceCodes).default([]),
  sector: list(sectorCodes).default([]),
  municipality: nis.optional(),
  language: list(languageCodes).default([]),
  starter: z.enum(["true", "false"]).optional(),
  sort: z.enum(["relevance", "rating", "distance"], { errorMap: () => ({ message: "errors.invalidChoice" }) }).default("relevance"),
  near: nis.optional(),
  page: z.coerce.number({ invalid_type_error: "errors.number" }).int("errors.number").min(1, "errors.number").max(500, "errors.number").default(1),
});
export type DirectoryParams = z.infer<typeof DirectoryParamsSchema>;

/** URLSearchParams → the object the schema reads (repeated keys become lists). */
export function searchParamsToObject(params: URLSearchParams) {
  const listKeys = new Set(["service", "sector", "language"]);
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (listKeys.has(key)) out[key] = values;
    else if (values.length) out[key] = values[0];
  }
  return out;
}

export const MatchRequestSchema = z.object({
  nisCode: nis,
  sector: z.enum(sectorCodes, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  services: list(serviceCodes).min(1, "errors.chooseAtLeastOne"),
  languages: list(languageCodes).default([]),
  text: z.string().trim().max(500, "errors.tooLong").default(""),
  budgetCents: z.number({ invalid_type_error: "errors.number" }).int("errors.number").min(0, "errors.number").max(100_000_000, "errors.number").nullable().default(null),
  limit: z.number({ invalid_type_error: "errors.number" }).int("errors.number").min(1, "errors.number").max(50, "errors.number").default(10),
});
