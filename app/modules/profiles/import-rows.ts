import { z } from "zod";
import { EmailSchema } from "~/modules/auth/schemas";
import { splitList } from "./csv";
import {
  CapacitySchema,
  choice,
  choices,
  EnterpriseNumberSchema,
  FoundedOnSchema,
  HourlyRateSchema,
  NisCodeSchema,
  optionalText,
  RadiusSchema,
  requiredText,
  WebUrlSchema,
} from "./schemas";
import { languageCodes, sectorCodes, serviceCodes } from "./taxonomy";

/*
 * One CSV row of each import, checked by the same field rules as the forms (docs/import.md lists
 * the columns). Messages are i18n keys; the import turns them into Dutch per row and column.
 */

const list = <T extends z.ZodTypeAny>(item: T) => z.string().default("").transform(splitList).pipe(item);

export const providerColumns = [
  "enterprise_number",
  "company_name",
  "email",
  "kind",
  "services",
  "sectors",
  "base_nis_code",
  "radius_km",
  "municipalities",
  "languages",
  "hourly_rate_eur",
  "capacity",
  "founded_on",
  "bio",
  "status",
] as const;

/** Columns a row may leave empty; the others are required (the import page says which). */
export const optionalImportColumns: ReadonlySet<string> = new Set(["radius_km", "municipalities", "bio", "nace_code", "street", "website", "description"]);

/** A valid row of each import, shown on the import page. */
export const importExamples = {
  providers: "0712.345.135,Strandpixels,info@strandpixels.be,ict,website;webshop,retail;tourism,35013,25,31005;35002,nl;fr,65,3,2024-05-01,Websites voor de kust.,approved",
  businesses: "0712.345.234,Bakkerij Janssens,info@bakkerijjanssens.be,retail,,31005,8000,Markt 1,nl;fr,www.bakkerijjanssens.be,Ambachtelijk brood en gebak.",
} as const;

export const ProviderRowSchema = z.object({
  enterprise_number: EnterpriseNumberSchema,
  company_name: requiredText(120),
  email: EmailSchema,
  kind: choice(["ict", "marketing", "both"] as const),
  services: list(choices(serviceCodes)),
  sectors: list(choices(sectorCodes)),
  base_nis_code: NisCodeSchema,
  radius_km: z
    .string()
    .transform((v) => v || "0")
    .pipe(RadiusSchema),
  municipalities: list(z.array(NisCodeSchema).max(62)),
  languages: list(choices(languageCodes)),
  hourly_rate_eur: HourlyRateSchema,
  capacity: CapacitySchema,
  founded_on: FoundedOnSchema,
  bio: optionalText(2000),
  status: choice(["pending", "approved"] as const),
});
export type ProviderRow = z.infer<typeof ProviderRowSchema>;

export const businessColumns = [
  "enterprise_number",
  "name",
  "email",
  "sector",
  "nace_code",
  "nis_code",
  "postal_code",
  "street",
  "languages",
  "website",
  "description",
] as const;

export const BusinessRowSchema = z.object({
  enterprise_number: EnterpriseNumberSchema,
  name: requiredText(120),
  email: EmailSchema,
  sector: choice(sectorCodes),
  nace_code: z
    .string()
    .regex(/^(\d{5})?$/, "errors.invalidChoice")
    .transform((v) => v || null),
  nis_code: NisCodeSchema,
  postal_code: z.string({ required_error: "errors.required" }).regex(/^8\d{3}$/, "errors.postalCode"),
  street: optionalText(200),
  languages: list(choices(languageCodes)),
  website: z
    .string()
    .default("")
    .pipe(z.union([z.literal(""), WebUrlSchema]))
    .transform((v) => v || null),
  description: optionalText(1000),
});
export type BusinessRow = z.infer<typeof BusinessRowSchema>;
