/**
 * The related-party check. The KMO-portefeuille refuses subsidy for services bought from a related
 * party and checks it by sampling after the fact; Koppel checks every voucher before approval, on
 * what both profiles say: the same enterprise, bank account, company e-mail domain, phone number,
 * address or person. A hit is not a verdict: it puts the reasons before the programme office,
 * which may still approve with a written justification.
 */

export const relatedPartyReasons = ["enterpriseNumber", "iban", "emailDomain", "phone", "address", "person"] as const;
export type RelatedPartyReason = (typeof relatedPartyReasons)[number];

export interface Party {
  enterpriseNumber: string | null;
  /** A provider's VAT number (BE + the enterprise number). */
  vatNumber?: string | null;
  iban: string | null;
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  /** The account behind the profile. */
  userId: string;
  email: string;
  name: string;
}

/**
 * Mail domains anyone can have an address at: sharing one says nothing. The Belgian access
 * providers' own (Telenet, Proximus and its Skynet and Belgacom names, Scarlet, VOO, Orange, BASE,
 * EDPnet) and the big international ones in the country variants Belgians use.
 */
const publicMailDomains = new Set([
  // Belgian access providers
  "telenet.be", "pandora.be", "skynet.be", "proximus.be", "belgacom.net", "scarlet.be", "voo.be", "orange.be", "mobistar.be", "base.be", "edpnet.be", "edpnet.net", "online.be", "tvcablenet.be",
  // Microsoft
  "hotmail.com", "hotmail.be", "hotmail.fr", "hotmail.nl", "hotmail.co.uk", "outlook.com", "outlook.be", "outlook.fr", "outlook.nl", "live.com", "live.be", "live.fr", "live.nl", "live.co.uk", "msn.com",
  // Google, Apple, Yahoo, AOL
  "gmail.com", "googlemail.com", "icloud.com", "me.com", "mac.com", "yahoo.com", "yahoo.be", "yahoo.fr", "yahoo.nl", "yahoo.co.uk", "ymail.com", "aol.com",
  // Privacy-minded and other free providers
  "proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "zoho.com", "yandex.com", "fastmail.com",
  // Dutch access providers, for providers across the border
  "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl",
]);

/** Domains reserved for tests and examples (RFC 2606, RFC 6761): they name no company. */
const reservedDomain = /(^|\.)(test|example|invalid|localhost)$|^example\.(com|net|org)$/;

const digitsOf = (text: string | null | undefined) => (text ?? "").replace(/\D/g, "");

/** Ten digits of a Belgian enterprise number, from 0123.456.789, BE0123456789 or 123456789. */
function enterprise(text: string | null | undefined) {
  const digits = digitsOf(text);
  return digits.length === 9 ? `0${digits}` : digits.length === 10 ? digits : null;
}

/**
 * A Belgian phone number as +32…: 050 12 34 56, +32 50 12 34 56, +32 (0)50 12 34 56 and
 * 0032 (0)50 12 34 56 are one number (the "(0)" is the trunk prefix people keep writing).
 */
function phone(text: string | null) {
  const raw = (text ?? "").replace(/\(\s*0\s*\)/g, "").trim();
  if (!raw) return null;
  let digits = digitsOf(raw);
  if (raw.startsWith("+")) return digits.length >= 8 ? digits : null;
  if (digits.startsWith("00")) digits = digits.slice(2);
  else if (digits.startsWith("0")) digits = `32${digits.slice(1)}`;
  return digits.length >= 8 ? digits : null;
}

/**
 * A street and number as people write them: case, accents and punctuation aside; "Kerkstr." and
 * "Kerkstr" for "Kerkstraat", "St.-" for "Sint-", "O.-L.-Vrouw" for "Onze-Lieve-Vrouw"; a box
 * ("bus 2", "b2", "/2") is the same building.
 */
function address(street: string | null, postalCode: string | null) {
  if (!street?.trim() || !postalCode?.trim()) return null;
  const normal = street
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/(\d+[a-z]?)\s*(?:[/,]\s*|\s+(?:bus|bte|boite|b)\s*\.?\s*)[a-z0-9]+$/, "$1")
    .replace(/\bo\s*\.?\s*-?\s*l\s*\.?\s*-?\s*(?:v\s*\.|vrouw)/g, "onze lieve vrouw")
    .replace(/\bst\s*\.?\s*-\s*|\bst\.\s+/g, "sint ")
    .replace(/str\b\.?/g, "straat")
    .replace(/[^a-z0-9]+/g, "");
  return `${postalCode.trim()} ${normal}`;
}

const domainOf = (email: string) => email.split("@")[1]?.toLowerCase() ?? "";
/** A person's name as the set of its words ("Jan Peeters" is "Peeters Jan"); null when there are none. */
function personName(name: string) {
  const words = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length ? [...new Set(words)].sort().join(" ") : null;
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && a === b;

/** Why the business and the provider may be related parties; empty when nothing links them. */
export function findRelatedParty(business: Party, provider: Party): RelatedPartyReason[] {
  const reasons: RelatedPartyReason[] = [];
  const businessEnterprise = enterprise(business.enterpriseNumber);
  if (same(businessEnterprise, enterprise(provider.enterpriseNumber)) || same(businessEnterprise, enterprise(provider.vatNumber))) reasons.push("enterpriseNumber");
  if (same(business.iban?.replace(/\s/g, "").toUpperCase() ?? null, provider.iban?.replace(/\s/g, "").toUpperCase() ?? null)) reasons.push("iban");
  const domain = domainOf(business.email);
  if (domain && domain === domainOf(provider.email) && !publicMailDomains.has(domain) && !reservedDomain.test(domain)) reasons.push("emailDomain");
  if (same(phone(business.phone), phone(provider.phone))) reasons.push("phone");
  if (same(address(business.street, business.postalCode), address(provider.street, provider.postalCode))) reasons.push("address");
  if (business.userId === provider.userId || same(personName(business.name), personName(provider.name))) reasons.push("person");
  return reasons;
}
