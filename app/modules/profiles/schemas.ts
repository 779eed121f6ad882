import { z } from "zod";
import { isCalendarDate } from "~/lib/dates";
import { EuroAmountSchema } from "~/lib/money";
import { parseEnterpriseNumber } from "./enterprise-number";
import { parseIban } from "./iban";
import { parseDayHours } from "./opening-hours";
import { maxAnswer, questions } from "./quickscan";
import { employeeBands, languageCodes, presenceChannels, sectorCodes, serviceCodes, vatStatuses, weekdays, type Weekday } from "./taxonomy";

/*
 * Profile forms, shared by the browser (Conform) and the actions. Messages are i18n keys. Free
 * text refuses < and >: nothing a user types is ever markup.
 */

const noMarkup = (s: string) => !/[<>]/.test(s);

/** A calendar date as an <input type="date"> posts it: YYYY-MM-DD, and a real day. */
export const IsoDateSchema = z.string({ required_error: "errors.required" }).refine(isCalendarDate, "errors.date");

/**
 * A number typed in a form, as Belgians write it ("12", or "1,5" where fractions are allowed). An
 * empty field says it is required (not "not a whole number"), text says what a number looks like,
 * a number out of bounds says the range (`range`, a message key).
 */
export const numberField = ({ min, max, range = "errors.number", fractions = false }: { min: number; max: number; range?: string; fractions?: boolean }) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : (v ?? "")),
    z
      // Missing (Conform hands an empty input over as missing, its coercion running before ours) or empty: required.
      .string({ required_error: "errors.required", invalid_type_error: "errors.number" })
      .trim()
      .min(1, "errors.required")
      // Empty matches too: it has said "required" already.
      .regex(fractions ? /^(\d+([.,]\d+)?)?$/ : /^\d*$/, fractions ? "errors.decimal" : "errors.number")
      .transform((v) => Number(v.replace(",", ".")))
      .pipe(z.number().min(min, range).max(max, range)),
  );

export const requiredText = (max: number) =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(max, "errors.tooLong")
    .refine(noMarkup, "errors.noHtml");

export const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: "errors.invalidChoice" })
    .trim()
    .max(max, "errors.tooLong")
    .refine(noMarkup, "errors.noHtml")
    .default("");

export const EnterpriseNumberSchema = z
  .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
  .max(20, "errors.enterpriseNumber")
  .transform((v, ctx) => {
    const parsed = parseEnterpriseNumber(v);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "errors.enterpriseNumber" });
      return z.NEVER;
    }
    return parsed;
  });

/**
 * Only http and https: a `javascript:` or `data:` link must never reach a page. An address written
 * without a scheme, as people copy it ("facebook.com/bakkerijjanssens", "www.zaak.be"), is taken
 * as https.
 */
export const WebUrlSchema = z
  .string()
  .trim()
  .max(500, "errors.tooLong")
  .transform((u) => (/^[\w-]+(\.[\w-]+)+(?:[/?#:]|$)/.test(u) && !/^[a-z][\w+.-]*:\/\//i.test(u) ? `https://${u}` : u))
  .pipe(z.string().url("errors.url").refine((u) => /^https?:\/\//i.test(u), "errors.urlScheme"));

export const NisCodeSchema = z.string({ required_error: "errors.required" }).regex(/^3\d{4}$/, "errors.invalidMunicipality");
export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: "errors.invalidChoice" }) });
export const choices = <T extends readonly [string, ...string[]]>(values: T, min = 1) =>
  z.array(choice(values), { required_error: "errors.chooseAtLeastOne" }).min(min, "errors.chooseAtLeastOne").max(values.length);

/** Opening hours as people write them (opening-hours.ts); empty → closed. */
const DayHoursSchema = z
  .string()
  .trim()
  .max(100, "errors.tooLong")
  .default("")
  .transform((v, ctx) => {
    const ranges = parseDayHours(v);
    if (ranges === null) {
      ctx.addIssue({ code: "custom", message: "errors.openingHours" });
      return z.NEVER;
    }
    return ranges;
  });

const PresenceSchema = z.object(
  Object.fromEntries(
    presenceChannels.map((c) => [
      c.code,
      z
        .object({ active: z.literal("on").optional(), url: c.url ? WebUrlSchema.optional() : z.undefined().optional() })
        .default({})
        .transform((p) => ({ active: p.active === "on" || Boolean(p.url), ...(p.url ? { url: p.url } : {}) })),
    ]),
  ) as unknown as Record<(typeof presenceChannels)[number]["code"], z.ZodType<{ active: boolean; url?: string }, z.ZodTypeDef, { active?: "on"; url?: string } | undefined>>,
);

/** An IBAN, checked by its check digits; empty means none. */
export const OptionalIbanSchema = z
  .string()
  .max(40, "errors.iban")
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return null;
    const parsed = parseIban(v);
    if (!parsed) ctx.addIssue({ code: "custom", message: "errors.iban" });
    return parsed;
  });

/** A phone number as people write it: digits, spaces, dots, slashes, a leading + (050 12 34 56, +32 50 12 34 56). */
export const OptionalPhoneSchema = z
  .string()
  .trim()
  .max(30, "errors.phone")
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || (/^\+?[\d\s./()-]{8,}$/.test(v) && v.replace(/\D/g, "").length >= 8), "errors.phone");

export const BusinessSchema = z.object({
  name: requiredText(120),
  enterpriseNumber: EnterpriseNumberSchema,
  sector: choice(sectorCodes),
  naceCode: z
    .string()
    .regex(/^\d{5}$/, "errors.invalidChoice")
    .optional(),
  nisCode: NisCodeSchema,
  postalCode: z.string({ required_error: "errors.required" }).regex(/^8\d{3}$/, "errors.postalCode"),
  street: optionalText(200),
  phone: OptionalPhoneSchema,
  /** The business's own account: compared with the provider's before a voucher (related parties). */
  iban: OptionalIbanSchema,
  inShoppingArea: z.literal("on").optional().transform((v) => v === "on"),
  employeeBand: choice(employeeBands).optional(),
  languages: choices(languageCodes),
  hours: z.object(Object.fromEntries(weekdays.map((d) => [d, DayHoursSchema])) as Record<Weekday, typeof DayHoursSchema>).default({}),
  presence: PresenceSchema.default({}),
  description: optionalText(1000),
});
export type BusinessInput = z.infer<typeof BusinessSchema>;

export const HourlyRateSchema = EuroAmountSchema({ maxCents: 10_000_000 }).refine((cents) => cents >= 1500 && cents <= 50000, "errors.hourlyRateRange");

export const FoundedOnSchema = IsoDateSchema.refine((d) => new Date(d) <= new Date(), "errors.date");
export const RadiusSchema = z.coerce
  .number({ invalid_type_error: "errors.number" })
  .int("errors.number")
  .min(0, "errors.radiusRange")
  .max(150, "errors.radiusRange");
export const CapacitySchema = z.coerce
  .number({ invalid_type_error: "errors.number" })
  .int("errors.number")
  .min(1, "errors.capacityRange")
  .max(20, "errors.capacityRange");

export const ProviderSchema = z.object({
  companyName: requiredText(120),
  enterpriseNumber: EnterpriseNumberSchema,
  foundedOn: FoundedOnSchema,
  kind: choice(["ict", "marketing", "both"] as const),
  services: choices(serviceCodes),
  sectors: choices(sectorCodes),
  baseNisCode: NisCodeSchema,
  radiusKm: RadiusSchema,
  serviceNisCodes: z.array(NisCodeSchema).max(62).default([]),
  languages: choices(languageCodes),
  hourlyRate: HourlyRateSchema,
  capacity: CapacitySchema,
  bio: optionalText(2000),
  portfolioLinks: z
    .string()
    .max(3000, "errors.tooLong")
    .default("")
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(WebUrlSchema).max(10, "errors.tooManyLinks")),
  iban: OptionalIbanSchema,
  /** The registered office and phone: compared with the business's before a voucher (related parties). */
  street: optionalText(200),
  postalCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^[1-9]\d{3}$/.test(v), "errors.belgianPostalCode"),
  phone: OptionalPhoneSchema,
  vatNumber: z
    .string()
    .max(20, "errors.vatNumber")
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const normalized = v.replace(/[\s.]/g, "").toUpperCase();
      const kbo = /^BE([01]\d{9})$/.exec(normalized)?.[1];
      if (!kbo || !parseEnterpriseNumber(kbo)) ctx.addIssue({ code: "custom", message: "errors.vatNumber" });
      return normalized;
    }),
  /** Businesses the provider must never be matched with (one enterprise number per line). */
  conflictEnterpriseNumbers: z
    .string()
    .max(2000, "errors.tooLong")
    .default("")
    .transform((v, ctx) => {
      const numbers = v.split(/[\s,;]+/).filter(Boolean);
      const parsed = numbers.map(parseEnterpriseNumber);
      if (parsed.some((n) => !n)) ctx.addIssue({ code: "custom", message: "errors.enterpriseNumber" });
      return [...new Set(parsed.filter((n): n is string => Boolean(n)))];
    }),
  /** Required once, at sign-up: the declaration is stored with its date. */
  conflictDeclaration: z.literal("on", { errorMap: () => ({ message: "errors.conflictDeclaration" }) }),
  /** Charges VAT (21 %) or uses the small-enterprise exemption: decides the price incl. VAT and the invoice. */
  vatStatus: choice(vatStatuses).default("registered"),
  /** Koppel issues the provider's invoices on their behalf: accepted once, stored with its date and text version. */
  billingMandate: z.literal("on", { errorMap: () => ({ message: "errors.billingMandate" }) }),
});
export type ProviderInput = z.infer<typeof ProviderSchema>;

export const VettingSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), providerId: z.string().uuid("errors.invalidChoice") }),
  z.object({ intent: z.literal("reject"), providerId: z.string().uuid("errors.invalidChoice"), reason: requiredText(500) }),
  z.object({ intent: z.literal("suspend"), providerId: z.string().uuid("errors.invalidChoice"), reason: requiredText(500) }),
]);

/** One answer (0–3) for every quickscan statement; the radio buttons are named after the statements. */
export const QuickscanSchema = z.object(
  Object.fromEntries(
    questions.map((q) => [
      q.id,
      z.coerce
        .number({ required_error: "errors.required", invalid_type_error: "errors.required" })
        .int("errors.invalidChoice")
        .min(0, "errors.invalidChoice")
        .max(maxAnswer, "errors.invalidChoice"),
    ]),
  ) as Record<string, z.ZodNumber>,
);
