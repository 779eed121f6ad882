import { z } from "zod";
import { IsoDateSchema, numberField, optionalText, requiredText, WebUrlSchema } from "~/modules/profiles/schemas";

/** The workspace's forms, told apart by `intent`. */
export const WorkspaceActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("transition"),
    action: z.enum(["confirm_voucher", "confirm_contribution", "start_plan", "start_implementation", "request_review", "complete", "cancel", "dispute", "resume"], {
      errorMap: () => ({ message: "errors.invalidChoice" }),
    }),
    reason: optionalText(1000),
  }),
  z.object({
    intent: z.literal("submit"),
    milestoneId: z.string().uuid("errors.invalidChoice"),
    text: requiredText(5000),
    links: z
      .string()
      .max(3000, "errors.tooLong")
      .default("")
      .transform((v) => v.split(/\s+/).filter(Boolean))
      .pipe(z.array(WebUrlSchema).max(10, "errors.tooManyLinks")),
  }),
  z.object({
    intent: z.literal("decide"),
    milestoneId: z.string().uuid("errors.invalidChoice"),
    decision: z.enum(["approve", "changes"], { errorMap: () => ({ message: "errors.invalidChoice" }) }),
    comment: optionalText(2000),
  }),
  z.object({ intent: z.literal("message"), body: requiredText(5000) }),
  z.object({
    intent: z.literal("log"),
    workedOn: IsoDateSchema.refine((d) => new Date(d) <= new Date(), "errors.date"),
    hours: numberField({ min: 0.25, max: 24, range: "errors.hoursRange", fractions: true }),
    note: requiredText(1000),
  }),
  z.object({
    intent: z.literal("review"),
    rating: z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").min(1, "errors.invalidChoice").max(5, "errors.invalidChoice"),
    body: requiredText(3000),
  }),
  z.object({ intent: z.literal("reply"), reply: requiredText(2000) }),
  z.object({ intent: z.literal("approveVoucher"), voucherId: z.string().uuid("errors.invalidChoice"), justification: optionalText(2000) }),
  z.object({ intent: z.literal("rejectVoucher"), voucherId: z.string().uuid("errors.invalidChoice"), reason: requiredText(1000) }),
  z.object({ intent: z.literal("confirmPayment"), voucherId: z.string().uuid("errors.invalidChoice") }),
  z.object({ intent: z.literal("payOnline") }),
]);
export type WorkspaceAction = z.infer<typeof WorkspaceActionSchema>;
