import { belgianDateTime } from "~/lib/dates";
import { parseIban } from "~/modules/profiles/iban";
import type { PayoutDebtor } from "~db/schema";

/*
 * The one writer of SEPA credit transfer initiations (ISO 20022 pain.001.001.03, the version Belgian
 * banks take): payouts to providers and refunds to payers alike. Validated in the tests against the
 * official schema in db/reference/iso20022/.
 */

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
const euros = (cents: number) => (cents / 100).toFixed(2);

/** Letters and signs that carry no accent to take off, as the EPC's conversion table writes them in Latin. */
const epcTransliteration: Record<string, string> = {
  Ø: "O", ø: "o", Æ: "AE", æ: "ae", Œ: "OE", œ: "oe", ß: "ss", Ł: "L", ł: "l", Đ: "D", đ: "d", Þ: "TH", þ: "th", ð: "d", Ð: "D", ı: "i",
  "–": "-", "—": "-", "‐": "-", "‑": "-", "‘": "'", "’": "'", "‚": "'", "“": "'", "”": "'", "„": "'", "«": "'", "»": "'", "€": "EUR", "@": "(at)", _: "-", "&": "+",
};

/**
 * Text as a SEPA credit transfer may carry it: the EPC's Latin character set (a–z, A–Z, 0–9 and
 * / - ? : ( ) . , ' + space), accents taken off (é → e), other letters and signs transliterated
 * (Ø → O, ß → ss, – → -, & → +), anything else dropped, cut to the schema's length (Max35Text for
 * identifiers, Max70Text for names, Max140Text for remittance). A text left empty (a name in
 * another script) becomes `fallback`: the schema refuses an empty name.
 */
export function sepaText(text: string, max: 35 | 70 | 140, fallback = "") {
  const converted = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, (character) => epcTransliteration[character] ?? (/\s/.test(character) ? " " : ""))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max)
    .trim();
  return converted || fallback;
}

export interface SepaTransfer {
  endToEndId: string;
  amountCents: number;
  name: string;
  iban: string;
  remittance: string;
}

export interface SepaDocument {
  messageId: string;
  createdAt: Date;
  /** A Belgian banking day, YYYY-MM-DD. */
  executionDate: string;
  /** One payment block per account paid from. */
  blocks: { paymentInfoId: string; debtor: PayoutDebtor | null; transfers: SepaTransfer[] }[];
}

export function sepaCreditTransfer(document: SepaDocument) {
  const all = document.blocks.flatMap((b) => b.transfers);
  const sum = (transfers: SepaTransfer[]) => euros(transfers.reduce((total, t) => total + t.amountCents, 0));
  const blocks = document.blocks.map(({ paymentInfoId, debtor, transfers }) => {
    const agent = debtor?.bic ? `<BIC>${xml(sepaText(debtor.bic, 35))}</BIC>` : "<Othr><Id>NOTPROVIDED</Id></Othr>";
    const lines = transfers
      .map(
        (t) => `      <CdtTrfTxInf>
        <PmtId><EndToEndId>${xml(sepaText(t.endToEndId, 35))}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">${euros(t.amountCents)}</InstdAmt></Amt>
        <Cdtr><Nm>${xml(sepaText(t.name, 70, "Begunstigde"))}</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>${parseIban(t.iban) ?? ""}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>${xml(sepaText(t.remittance, 140))}</Ustrd></RmtInf>
      </CdtTrfTxInf>`,
      )
      .join("\n");
    return `    <PmtInf>
      <PmtInfId>${xml(sepaText(paymentInfoId, 35))}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>true</BtchBookg>
      <NbOfTxs>${transfers.length}</NbOfTxs>
      <CtrlSum>${sum(transfers)}</CtrlSum>
      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
      <ReqdExctnDt>${document.executionDate}</ReqdExctnDt>
      <Dbtr><Nm>${xml(sepaText(debtor?.name ?? "Koppel", 70, "Koppel"))}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>${debtor?.iban ?? ""}</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId>${agent}</FinInstnId></DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
${lines}
    </PmtInf>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${xml(sepaText(document.messageId, 35))}</MsgId>
      <CreDtTm>${belgianDateTime(document.createdAt)}</CreDtTm>
      <NbOfTxs>${all.length}</NbOfTxs>
      <CtrlSum>${sum(all)}</CtrlSum>
      <InitgPty><Nm>${xml(sepaText(document.blocks[0]?.debtor?.name ?? "Koppel", 70, "Koppel"))}</Nm></InitgPty>
    </GrpHdr>
${blocks.join("\n")}
  </CstmrCdtTrfInitn>
</Document>
`;
}

/**
 * The text of an EPC QR code (EPC069-12, "Quick Response Code: Guidelines to Enable Data Capture
 * for the Initiation of a SEPA Credit Transfer"), version 002, UTF-8: what Belgian banking apps
 * scan to fill in a transfer. A Belgian structured communication goes in the remittance text,
 * where the banks' apps recognise its +++…+++ (the structured field is for ISO 11649 RF references).
 * The amount is written as the standard's example writes it ("EUR1", "EUR598.5").
 */
export function epcQrText(transfer: { bic?: string | null; name: string; iban: string; amountCents: number; purpose?: string; reference?: string; remittance?: string; information?: string }) {
  const amount = `EUR${Number((transfer.amountCents / 100).toFixed(2))}`;
  const lines = [
    "BCD",
    "002",
    "1",
    "SCT",
    transfer.bic ?? "",
    sepaText(transfer.name, 70, "Begunstigde"),
    parseIban(transfer.iban) ?? transfer.iban,
    amount,
    transfer.purpose ?? "",
    transfer.reference ?? "",
    (transfer.remittance ?? "").slice(0, 140),
    (transfer.information ?? "").slice(0, 70),
  ];
  // Trailing empty fields may be left out (the standard's example ends at its last filled one).
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}
