import { z } from "zod";

/**
 * Euro amounts as people and Belgian banks write them, to integer cents: `2.130,00`, `2130,00`,
 * `2130.00`, `€ 2.130,00`, `2 130,00`, `-45,10`, `45,10-`. The last separator followed by one or two
 * digits is the decimal one; a dot or space before groups of three digits separates thousands
 * (`1.250` is twelve hundred and fifty euros, as a Belgian reads it). Anything else is refused
 * with its reason rather than guessed.
 */
export type AmountReading = { ok: true; cents: number } | { ok: false; reason: "empty" | "format" | "decimals" };

export function parseEuroAmount(input: string): AmountReading {
  let text = input.replace(/[\s\u00A0\u202F]+/g, " ").trim();
  text = text.replace(/^(?:€|EUR)\s*|\s*(?:€|EUR)$/gi, "").trim();
  if (text === "") return { ok: false, reason: "empty" };
  let sign = 1;
  if (/^[+-]/.test(text)) {
    if (text[0] === "-") sign = -1;
    text = text.slice(1).trim();
  } else if (/-$/.test(text)) {
    sign = -1;
    text = text.slice(0, -1).trim();
  }
  text = text.replace(/^(?:€|EUR)\s*/i, "");
  const decimalMatch = /[.,](\d{1,2})$/.exec(text);
  const whole = decimalMatch ? text.slice(0, decimalMatch.index) : text;
  const decimals = decimalMatch ? decimalMatch[1].padEnd(2, "0") : "00";
  if (/[.,]\d{3,}$/.test(text) && !/^\d{1,3}(?:[. ]\d{3})+$/.test(text)) return { ok: false, reason: "decimals" };
  // The whole part: plain digits, or groups of three after a dot, a comma or a space (one kind only).
  const grouped = /^\d{1,3}(?:([., ])\d{3})?(?:\1\d{3})*$/.exec(whole);
  if (!/^\d+$/.test(whole) && !grouped) return { ok: false, reason: "format" };
  const separator = grouped?.[1];
  if (separator && decimalMatch && text[decimalMatch.index] === separator) return { ok: false, reason: "format" };
  const cents = Number(whole.replace(/[., ]/g, "")) * 100 + Number(decimals);
  if (!Number.isSafeInteger(cents)) return { ok: false, reason: "format" };
  return { ok: true, cents: sign * cents };
}

/**
 * A euro amount typed into a form, as Belgians write it (see parseEuroAmount), to integer cents
 * between `minCents` and `maxCents`; anything else is the field error `errors.amount`.
 */
export function EuroAmountSchema({ minCents = 0, maxCents }: { minCents?: number; maxCents: number }) {
  return z
    .string({ required_error: "errors.required", invalid_type_error: "errors.amount" })
    .trim()
    .max(30, "errors.amount")
    .transform((text, ctx) => {
      const reading = parseEuroAmount(text);
      if (!reading.ok || reading.cents < minCents || reading.cents > maxCents) {
        ctx.addIssue({ code: "custom", fatal: true, message: reading.ok || reading.reason !== "empty" ? "errors.amount" : "errors.required" });
        return z.NEVER;
      }
      return reading.cents;
    });
}

/** Euros as Belgians type them into a form or a spreadsheet: 1234,50, no sign, no grouping. */
export const plainEuros = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
