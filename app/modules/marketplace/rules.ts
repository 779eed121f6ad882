import { z } from "zod";
import { belgianDate } from "~/lib/dates";
import { EuroAmountSchema } from "~/lib/money";
import { choices, IsoDateSchema as isoDate, numberField, optionalText, requiredText } from "~/modules/profiles/schemas";
import { languageCodes, serviceCodes } from "~/modules/profiles/taxonomy";

/** How long a published request takes bids. (How many providers are invited and how many bids it takes are the office's settings.) */
export const bidDeadlineDays = 14;

/** Budget bands a retailer picks from; the upper bound feeds the price fit of matching. */
export const budgetBands = [
  { code: "up_to_1000", maxCents: 100_000 },
  { code: "1000_2500", maxCents: 250_000 },
  { code: "2500_5000", maxCents: 500_000 },
  { code: "over_5000", maxCents: 1_000_000 },
] as const;
export type BudgetBand = (typeof budgetBands)[number]["code"];
export const budgetCentsOf = (band: string) => budgetBands.find((b) => b.code === band)?.maxCents ?? null;

/** A date to start on is today or later, in Brussels (a start in 2020 was accepted). */
const notPast = (date: string) => date >= belgianDate();

export const HelpRequestSchema = z.object({
  businessId: z.string({ required_error: "errors.required" }).uuid("errors.invalidChoice"),
  title: requiredText(120),
  description: requiredText(3000),
  services: choices(serviceCodes),
  budgetBand: z.enum(budgetBands.map((b) => b.code) as [BudgetBand, ...BudgetBand[]], { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  desiredStart: isoDate.refine(notPast, "errors.pastDate").optional(),
  languages: choices(languageCodes),
  /** A provider the retailer chose on that provider's page: invited as well as the best fits. */
  requestedProviderId: z.string().uuid("errors.invalidChoice").optional(),
});
export type HelpRequestInput = z.infer<typeof HelpRequestSchema>;

/** A phase's price excl. VAT, as Belgians write it (1.250 or 1.250,50), at most €999,999.99. */
const euros = EuroAmountSchema({ maxCents: 99_999_999 });
const days = numberField({ min: 1, max: 365, range: "errors.daysRange" });

export const BidSchema = z
  .object({
    advicePrice: euros,
    adviceDeliverables: requiredText(2000),
    adviceDays: days,
    implementationPrice: euros,
    implementationDeliverables: requiredText(2000),
    implementationDays: days,
    estimatedHours: numberField({ min: 1, max: 2000, range: "errors.hoursRange" }),
    approach: optionalText(3000),
    startDate: isoDate.refine(notPast, "errors.pastDate"),
  })
  .refine((b) => b.advicePrice + b.implementationPrice > 0, { path: ["implementationPrice"], message: "errors.amount" });
export type BidInput = z.infer<typeof BidSchema>;

