import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from "ibantools";

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
