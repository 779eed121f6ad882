/*
 * A certified Peppol access point, reached over its HTTP API (docs/decisions/005-peppol-access-point.md):
 * it looks the buyer up in the Peppol directory and delivers the UBL document over the network.
 * The two calls Koppel makes, modelled on what access points offer as a REST API:
 *
 *   GET  {base}/participants/0208:{enterprise number}  → 200 when the buyer receives Peppol invoices, 404 when not
 *   POST {base}/documents  (body: the UBL XML)          → 202 with {"id": …} once the access point has accepted it
 *
 * Both with "Authorization: Bearer {key}". Anything else (a 5xx, a timeout) is an error for the
 * outbox to retry; it is never taken for "not on Peppol".
 */

export type PeppolResult = { delivered: true; reference: string } | { delivered: false; reason: "notOnPeppol" };

export interface PeppolAccessPoint {
  deliver(document: { buyerEnterpriseNumber: string; xml: string }): Promise<PeppolResult>;
}

export function httpAccessPoint(base: string, key: string, fetchImpl: typeof fetch = fetch): PeppolAccessPoint {
  const url = (path: string) => `${base.replace(/\/$/, "")}${path}`;
  const headers = { Authorization: `Bearer ${key}` };
  return {
    async deliver({ buyerEnterpriseNumber, xml }) {
      const lookup = await fetchImpl(url(`/participants/0208:${buyerEnterpriseNumber}`), { headers, signal: AbortSignal.timeout(15_000) });
      if (lookup.status === 404) return { delivered: false, reason: "notOnPeppol" };
      if (!lookup.ok) throw new Error(`Peppol access point: participant lookup answered ${lookup.status}`);
      const sent = await fetchImpl(url("/documents"), { method: "POST", headers: { ...headers, "Content-Type": "application/xml" }, body: xml, signal: AbortSignal.timeout(30_000) });
      if (sent.status !== 202 && sent.status !== 201 && sent.status !== 200) throw new Error(`Peppol access point: sending answered ${sent.status} ${(await sent.text()).slice(0, 300)}`);
      const body = (await sent.json().catch(() => ({}))) as { id?: unknown };
      if (typeof body.id !== "string" || !body.id) throw new Error("Peppol access point: accepted without a document id");
      return { delivered: true, reference: body.id };
    },
  };
}
