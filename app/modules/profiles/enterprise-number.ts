/**
 * Belgian enterprise numbers (KBO/BCE): ten digits starting with 0 or 1, whose last two digits
 * equal 97 − (the first eight mod 97). Shown as 0123.456.749.
 */

/** The ten digits of a valid number, whatever dots, spaces or "BE" it was typed with; else null. */
export function parseEnterpriseNumber(input: string): string | null {
  const digits = input.trim().replace(/^BE/i, "").replace(/[\s.]/g, "");
  if (!/^[01]\d{9}$/.test(digits)) return null;
  return enterpriseCheckDigits(digits.slice(0, 8)) === digits.slice(8) ? digits : null;
}

export function enterpriseCheckDigits(firstEight: string) {
  return String(97 - (Number(firstEight) % 97)).padStart(2, "0");
}

export function formatEnterpriseNumber(digits: string) {
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
