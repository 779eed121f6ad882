import { describe, expect, it } from "vitest";
import { findRelatedParty, type Party } from "~/modules/vouchers/related-party";

const business: Party = {
  enterpriseNumber: "0123456749",
  iban: "BE71096123456769",
  phone: "050 12 34 56",
  street: "Markt 1",
  postalCode: "8000",
  userId: "u-retailer",
  email: "info@bakkerij-belfort.be",
  name: "Jan Peeters",
};
const stranger: Party = {
  enterpriseNumber: "0987654321",
  vatNumber: "BE0987654321",
  iban: "BE62510007547061",
  phone: "+32 56 99 88 77",
  street: "Grote Markt 5",
  postalCode: "8500",
  userId: "u-provider",
  email: "hallo@pixelpier.be",
  name: "An Claes",
};

describe("the related-party check", () => {
  it("finds nothing between strangers", () => {
    expect(findRelatedParty(business, stranger)).toEqual([]);
  });

  it.each([
    ["enterpriseNumber", { enterpriseNumber: "0123.456.749" }],
    ["enterpriseNumber", { vatNumber: "BE 0123.456.749" }],
    ["iban", { iban: "be71 0961 2345 6769" }],
    ["emailDomain", { email: "jan@bakkerij-belfort.be" }],
    ["phone", { phone: "+32 50 12 34 56" }],
    ["phone", { phone: "0032 50/12.34.56" }],
    ["address", { street: "Markt 1", postalCode: "8000" }],
    ["address", { street: "markt  1.", postalCode: "8000" }],
    ["person", { name: "Peeters Jan" }],
    ["person", { userId: "u-retailer" }],
  ] as const)("flags %s when the provider has %j", (reason, change) => {
    expect(findRelatedParty(business, { ...stranger, ...change })).toEqual([reason]);
  });

  it("does not count a public mail provider's domain, nor a street in another postal code", () => {
    expect(findRelatedParty({ ...business, email: "jan@gmail.com" }, { ...stranger, email: "an@gmail.com" })).toEqual([]);
    expect(findRelatedParty({ ...business, email: "jan@telenet.be" }, { ...stranger, email: "an@telenet.be" })).toEqual([]);
    expect(findRelatedParty({ ...business, email: "jan@demo.koppel.test" }, { ...stranger, email: "an@demo.koppel.test" })).toEqual([]);
    expect(findRelatedParty(business, { ...stranger, street: "Markt 1", postalCode: "8500" })).toEqual([]);
  });

  it("compares only what both filled in", () => {
    expect(findRelatedParty({ ...business, iban: null, phone: null, street: "" }, { ...stranger, iban: null, phone: null, street: null, postalCode: null })).toEqual([]);
  });

  // The cases of issue 21 ("the related-party check is weaker than documented"), one row each.
  it.each([
    ["phone", { phone: "+32 (0)50 12 34 56" }],
    ["phone", { phone: "0032 (0)50 12 34 56" }],
    ["phone", { phone: "050.12.34.56" }],
  ] as const)("flags %s for the business's 050 12 34 56 when the provider writes %j", (reason, change) => {
    expect(findRelatedParty(business, { ...stranger, ...change })).toEqual([reason]);
  });

  it.each([
    ["Kerkstraat 5", "Kerkstr. 5"],
    ["Kerkstraat 5", "Kerkstr 5"],
    ["Markt 1", "Markt 1 bus 2"],
    ["Markt 1", "Markt 1 b2"],
    ["Markt 1", "Markt 1/2"],
    ["Sint-Jansstraat 12", "St.-Jansstraat 12"],
    ["Sint-Jansstraat 12", "St-Jansstraat 12"],
    ["Onze-Lieve-Vrouwstraat 3", "O.-L.-Vrouwstraat 3"],
  ])("flags the address %s as %s", (street, written) => {
    expect(findRelatedParty({ ...business, street }, { ...stranger, street: written, postalCode: business.postalCode })).toEqual(["address"]);
  });

  it("keeps houses apart: Markt 1 is not Markt 12, nor Markt 1A", () => {
    expect(findRelatedParty(business, { ...stranger, street: "Markt 12", postalCode: "8000" })).toEqual([]);
    expect(findRelatedParty(business, { ...stranger, street: "Markt 1A", postalCode: "8000" })).toEqual([]);
  });

  it.each(["edpnet.be", "voo.be", "base.be", "orange.be", "belgacom.net", "hotmail.fr", "outlook.fr", "yahoo.be", "live.nl", "hotmail.co.uk", "pm.me"])(
    "does not count the public mail domain %s as a shared company",
    (domain) => {
      expect(findRelatedParty({ ...business, email: `jan@${domain}` }, { ...stranger, email: `an@${domain}` })).toEqual([]);
    },
  );

  it("never matches two empty names, and compares names as sets of words", () => {
    expect(findRelatedParty({ ...business, name: "" }, { ...stranger, name: "" })).toEqual([]);
    expect(findRelatedParty({ ...business, name: " - " }, { ...stranger, name: "" })).toEqual([]);
    expect(findRelatedParty(business, { ...stranger, name: "PEETERS, Jan" })).toEqual(["person"]);
  });

  it("lists every shared link", () => {
    const twin: Party = { ...business, vatNumber: null, userId: "u-other", email: "an@bakkerij-belfort.be" };
    expect(findRelatedParty(business, twin)).toEqual(["enterpriseNumber", "iban", "emailDomain", "phone", "address", "person"]);
  });
});
