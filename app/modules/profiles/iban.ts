import { composeIBAN, electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from "ibantools";

/**
 * The IBAN without spaces, upper-case, when it is a valid IBAN of a SEPA country (its country's
 * length and format per the IBAN registry, and the ISO 13616 mod-97 check); else null. A payout
 * goes by SEPA credit transfer, so an account outside SEPA is no use to us however valid.
 */
export function parseIban(input: string): string | null {
  const iban = electronicFormatIBAN(input);
  return iban && isValidIBAN(iban) && isSEPACountry(iban.slice(0, 2)) ? iban : null;
}

/** A BIC (ISO 9362), 8 or 11 characters, upper-case without spaces, when it is one; else null. */
export function parseBic(input: string): string | null {
  const bic = input.replace(/\s/g, "").toUpperCase();
  return isValidBIC(bic) ? bic : null;
}

/** Whether money can be sent to this account: there is one, and it is a valid SEPA IBAN. */
export function hasValidIban(iban: string | null | undefined) {
  return Boolean(iban && parseIban(iban));
}

export function formatIban(iban: string) {
  return iban.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * A bank account as statements write it, in one form: an IBAN in its electronic format, and a
 * Belgian account in the old national form (`539-0075470-34`, still in some exports) as the IBAN it
 * became. Anything else stays as it was written, without spaces; empty is null.
 */
export function accountAsIban(text: string | null): string | null {
  const compact = (text ?? "").replace(/[\s-]/g, "").toUpperCase();
  if (!compact) return null;
  if (/^\d{12}$/.test(compact) && Number(BigInt(compact.slice(0, 10)) % 97n || 97) === Number(compact.slice(10))) {
    return composeIBAN({ countryCode: "BE", bban: compact }) ?? compact;
  }
  return parseIban(compact) ?? compact;
}

/** An account as a mail may show it: the country, the check digits and the last four digits. */
export const maskedIban = (iban: string | null) => (iban ? `${iban.slice(0, 4)} •••• ${iban.slice(-4)}` : "—");
