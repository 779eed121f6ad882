-- One movement, one record: a bank movement's identity becomes what the bank says about it (value
-- date, amount, the structured communication or else the payer's account, and which of its equal
-- kind in its file it is), as movementIdentities() in app/modules/payments/bank-statement.ts
-- computes it, not the text of a file's cells. Recorded movements get their identity in the same
-- form, so a statement uploaded before this change is still recognised; refunds follow (ON UPDATE
-- CASCADE). A reference is taken from the voucher matched, else from an explicit +++…+++ in the text.
WITH keyed AS (
  SELECT bt.fingerprint,
         'mv:' || coalesce(bt.value_date::text, '?') || ':' || coalesce(bt.amount_cents::text, '?') || ':' ||
         coalesce(
           '+' || regexp_replace(v.payment_reference, '\D', '', 'g'),
           '+' || regexp_replace(substring(bt.communication from '[+*]{3}\s*\d{3}[\s/.-]*\d{4}[\s/.-]*\d{5}\s*[+*]{3}'), '\D', '', 'g'),
           '@' || coalesce(upper(replace(bt.counterparty_iban, ' ', '')), '')
         ) ||
         CASE WHEN bt.amount_cents IS NULL OR bt.value_date IS NULL THEN ':' || left(encode(sha256(convert_to(bt.communication, 'UTF8')), 'hex'), 16) ELSE '' END AS identity,
         bt.created_at
  FROM bank_transactions bt
  LEFT JOIN vouchers v ON v.id = bt.voucher_id
),
numbered AS (
  SELECT fingerprint, identity || ':' || row_number() OVER (PARTITION BY identity ORDER BY created_at, fingerprint) AS movement
  FROM keyed
)
UPDATE bank_transactions bt SET fingerprint = numbered.movement FROM numbered WHERE bt.fingerprint = numbered.fingerprint;
