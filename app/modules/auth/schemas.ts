import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

/*
 * Shared by the forms (client-side validation) and the actions (the real check). Messages are
 * i18n keys; the form renders them in the user's language.
 */

const noMarkup = (s: string) => !/[<>]/.test(s);

export const EmailSchema = z
  .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.invalidEmail")
  .email("errors.invalidEmail")
  .transform((v) => v.toLowerCase());

export const NameSchema = z
  .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(100, "errors.tooLong")
  .refine(noMarkup, "errors.noHtml");

/** Checked for length and against common passwords; argon2id does the rest. */
export const NewPasswordSchema = z
  .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
  .min(12, "errors.passwordTooShort")
  .max(200, "errors.passwordTooLong")
  .refine((p) => !isCommonPassword(p), "errors.passwordCommon");

/** For logging in we only bound the size: an old password may predate today's rules. */
const PasswordSchema = z
  .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
  .min(1, "errors.required")
  .max(200, "errors.passwordTooLong");

export const selfServiceRoles = ["retailer", "provider"] as const;

/** No password here: it is chosen through the mailed link, which proves the address is the user's. */
export const RegisterSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  role: z.enum(selfServiceRoles, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
});

export const LoginSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  redirectTo: z.string().max(500).optional(),
});

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const SetPasswordSchema = z
  .object({
    token: z.string({ required_error: "errors.required" }).min(1).max(200),
    password: NewPasswordSchema,
    confirmPassword: z.string({ required_error: "errors.required" }).max(200, "errors.passwordTooLong"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("change-password").default("change-password"),
    currentPassword: PasswordSchema,
    password: NewPasswordSchema,
    confirmPassword: z.string({ required_error: "errors.required" }).max(200, "errors.passwordTooLong"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });

export const staffRoles = ["municipality", "admin"] as const;

export const InviteSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    role: z.enum(staffRoles, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
    municipalities: z
      .array(z.string().regex(/^3\d{4}$/, "errors.invalidMunicipality"))
      .max(62, "errors.invalidMunicipality")
      .default([]),
  })
  .refine((v) => v.role !== "municipality" || v.municipalities.length > 0, {
    path: ["municipalities"],
    message: "admin.municipalityRequired",
  });

/** Any origin of our own will do: a path is resolved against it, and only that origin is accepted. */
const ownOrigin = "https://koppel.invalid";

/**
 * Only a path on this site: never an open redirect to another host. Browsers drop tabs and newlines
 * from URLs and read a backslash as a slash, so `/\t/evil.example` would leave the site; such input
 * is refused outright, and what remains must resolve to our own origin. The answer is the resolved
 * path, so what the browser follows is exactly what was checked.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, ownOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== ownOrigin || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

export const DeleteAccountSchema = z.object({
  intent: z.literal("delete-account"),
  currentPassword: PasswordSchema,
  confirm: z.literal("on", { errorMap: () => ({ message: "privacy.confirmRequired" }) }),
});

/** How many days a new API token may live; "none": until it is revoked. */
export const apiTokenLifetimes = ["30", "90", "365"] as const;

/** A new API token for the signed-in user: valid for a number of days, or until revoked. */
export const CreateApiTokenSchema = z.object({
  intent: z.literal("create-token"),
  lifetime: z.enum([...apiTokenLifetimes, "none"], { errorMap: () => ({ message: "errors.invalidChoice" }) }),
});

export const RevokeApiTokenSchema = z.object({
  intent: z.literal("revoke-token"),
  tokenId: z.string({ required_error: "errors.required" }).min(1).max(64),
});

