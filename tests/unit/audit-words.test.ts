import { describe, expect, it } from "vitest";
import { formatMoney } from "~/lib/format";
import { i18nFor } from "~/lib/i18n";
import { detailsInWords, entityInWords, stateInWords } from "~/modules/reporting/audit-words";

const t = i18nFor("nl").getFixedT(null, null, undefined);

describe("the audit log in words", () => {
  it("names kinds of record and their states as officers read them elsewhere", () => {
    expect(entityInWords(t, "voucher")).toBe("Voucher");
    expect(entityInWords(t, "campaign_participant")).toBe("Deelname zomercampagne");
    expect(stateInWords(t, "voucher", "approved")).toBe("Toegekend");
    expect(stateInWords(t, "engagement", "awaiting_contribution")).not.toBe("awaiting_contribution");
    expect(stateInWords(t, "help_request", "expired")).toBe("Verlopen");
    expect(stateInWords(t, "provider", "suspended")).toBe("Geschorst");
    expect(stateInWords(t, "voucher", null)).toBe("–");
  });

  it("writes changed fields, amounts and yes/no in words, one line each", () => {
    const lines = detailsInWords(t, "nl", { invitationCount: { from: 5, to: 7 }, amountCents: 97_500, photo: true, municipalities: ["31005", "34022"] });
    expect(lines).toEqual([
      "Uitgenodigde aanbieders per hulpvraag: 5 → 7",
      `Bedrag: ${formatMoney(97_500, "nl")}`,
      "Foto: ja",
      "Gemeenten: 31005, 34022",
    ]);
  });
});
