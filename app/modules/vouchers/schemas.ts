import { z } from "zod";
import { EuroAmountSchema } from "~/lib/money";
import { parseBic, parseIban } from "~/modules/profiles/iban";
import { choices, IsoDateSchema as isoDate, numberField, requiredText } from "~/modules/profiles/schemas";
import { sectorCodes } from "~/modules/profiles/taxonomy";

const euros = (maxCents: number) => EuroAmountSchema({ minCents: 1, maxCents });

/** A voucher programme as the programme office sets it up. */
export const ProgrammeSchema = z
  .object({
    name: requiredText(120),
    budget: euros(100_000_000_00),
    /** In percent of the price excl. VAT, e.g. 75 or 62,5. */
    rate: z
      .string({ required_error: "errors.required" })
      .trim()
      .regex(/^\d{1,3}([.,]\d{1,2})?$/, "errors.number")
      .transform((v) => Math.round(Number(v.replace(",", ".")) * 100))
      .refine((bp) => bp > 0 && bp <= 10_000, "errors.rateRange"),
    cap: euros(1_000_000_00),
    sectors: choices(sectorCodes),
    municipalities: z.array(z.string().regex(/^3\d{4}$/, "errors.invalidMunicipality")).max(62).default([]),
    opensOn: isoDate,
    closesOn: isoDate,
    maxVouchersPerBusiness: numberField({ min: 1, max: 100 }),
    paymentDays: numberField({ min: 1, max: 365 }),
    /** Working days the office takes at most to decide on a voucher. */
    decisionDays: numberField({ min: 1, max: 60 }),
    /** A checkbox: approve tacitly at the end of the term what passes every check. */
    tacitApproval: z.literal("on").optional().transform((v) => v === "on"),
    iban: z.string({ required_error: "errors.required" }).transform((v, ctx) => {
      const parsed = parseIban(v);
      if (!parsed) ctx.addIssue({ code: "custom", message: "errors.iban" });
      return parsed ?? "";
    }),
    /** The bank's BIC for the SEPA file; optional, since SEPA transfers may go by IBAN alone. */
    bic: z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const parsed = parseBic(v);
        if (!parsed) ctx.addIssue({ code: "custom", message: "errors.bic" });
        return parsed ?? undefined;
      })
      .optional(),
  })
  .refine((p) => p.closesOn >= p.opensOn, { path: ["closesOn"], message: "errors.windowOrder" });
export type ProgrammeInput = z.infer<typeof ProgrammeSchema>;
