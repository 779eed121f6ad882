/** Lengths of the IBANs providers are likely to have; other SEPA countries pass the mod-97 test alone. */
const ibanLengths: Record<string, number> = { BE: 16, NL: 18, FR: 27, DE: 22, LU: 20 };

/** The IBAN without spaces, upper-case, when its ISO 13616 mod-97 check holds; else null. */
export function parseIban(input: string): string | null {
  const iban = input.replace(/\s/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return null;
  const expected = ibanLengths[iban.slice(0, 2)];
  if (expected && iban.length !== expected) return null;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" ? ch.charCodeAt(0) - 55 : Number(ch);
    remainder = Number(`${remainder}${value}`) % 97; // digit by digit: no number grows past 2^53
  }
  return remainder === 1 ? iban : null;
}

/** Whether money can be sent to this account: there is one, and its check digits hold. */
export function hasValidIban(iban: string | null | undefined) {
  return Boolean(iban && parseIban(iban));
}

export function formatIban(iban: string) {
  return iban.replace(/(.{4})/g, "$1 ").trim();
}
