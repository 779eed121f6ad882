import { z } from "zod";
import { EmailSchema } from "~/modules/auth/schemas";
import { IsoDateSchema, optionalText, requiredText } from "~/modules/profiles/schemas";

/** A ZomerInWestVlaanderen edition as the programme office sets it up. */
export const EditionSchema = z
  .object({
    year: z.coerce
      .number({ invalid_type_error: "errors.number" })
      .int("errors.number")
      .min(2020, "errors.yearRange")
      .max(2100, "errors.yearRange"),
    title: requiredText(120),
    introduction: optionalText(2000),
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema,
  })
  .refine((e) => e.endsOn >= e.startsOn, { path: ["endsOn"], message: "errors.windowOrder" });
export type EditionInput = z.infer<typeof EditionSchema>;

/** A retailer's summer promotion; the photo travels beside it as a file and is checked apart. */
export const PromotionSchema = z
  .object({
    editionId: z.string({ required_error: "errors.required" }).uuid("errors.required"),
    promotionTitle: requiredText(100),
    promotionText: requiredText(1000),
    validFrom: IsoDateSchema,
    validUntil: IsoDateSchema,
    removePhoto: z.literal("on").optional(),
  })
  .refine((p) => p.validUntil >= p.validFrom, { path: ["validUntil"], message: "errors.windowOrder" });
export type PromotionInput = z.infer<typeof PromotionSchema>;

export const CampaignInviteSchema = z.object({ intent: z.literal("invite"), email: EmailSchema, nisCode: z.string().regex(/^3\d{4}$/, "errors.invalidMunicipality") });
export const InviteBusinessSchema = z.object({ intent: z.literal("invite-business"), businessId: z.string().uuid() });

export const ParticipantDecisionSchema = z.object({
  intent: z.enum(["approve", "approveChanges", "feature", "unfeature", "remove", "reinstate"]),
  participantId: z.string().uuid(),
});
export type ParticipantDecision = z.infer<typeof ParticipantDecisionSchema>["intent"];
