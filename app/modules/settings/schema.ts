import { z } from "zod";
import { EmailSchema } from "~/modules/auth/schemas";
import { factorNames, type Factor } from "~/modules/matching/score";
import { numberField, OptionalPhoneSchema, optionalText } from "~/modules/profiles/schemas";

/*
 * What the programme office may tune, with the bounds a sensible programme stays within; the form
 * and the action share this schema.
 */
const whole = (min: number, max: number) => numberField({ min, max, range: "settings.range" });

const positiveFactors = factorNames.filter((f) => f !== "exposure");

export const SettingsSchema = z
  .object({
    weights: z.object(Object.fromEntries(factorNames.map((f) => [f, whole(0, 100)])) as Record<Factor, ReturnType<typeof whole>>),
    invitationCount: whole(1, 20),
    maxBids: whole(1, 20),
    autoApproveDays: whole(1, 60),
    /**
     * Banking days a transfer may take to reach the programme's statement after its due date before
     * the engagement is stopped: a transfer made on the due date arrives a day or two later.
     */
    transferGraceDays: whole(0, 15),
    starterMaxAgeYears: whole(1, 15),
    /** Percent with at most two decimals, e.g. 21 or 5,5; kept as basis points. */
    vatPercent: z
      .string({ required_error: "errors.required" })
      .trim()
      .regex(/^\d{1,2}([.,]\d{1,2})?$/, "errors.number")
      .transform((v) => Math.round(Number(v.replace(",", ".")) * 100))
      .refine((bp) => bp <= 3000, "settings.range"),
    /** How people reach the programme office: shown in every page's footer and on the privacy page. */
    contactEmail: EmailSchema.optional(),
    contactPhone: OptionalPhoneSchema,
    contactAddress: optionalText(200),
  })
  .refine((s) => positiveFactors.reduce((sum, f) => sum + s.weights[f], 0) === 100, { path: ["weights"], message: "settings.weightsSum" });

export type PlatformSettings = Omit<z.infer<typeof SettingsSchema>, "vatPercent"> & { vatBasisPoints: number };
