import fs from "node:fs";
import { validateXML } from "xmllint-wasm";

const painSchema = fs.readFileSync("db/reference/iso20022/pain.001.001.03.xsd", "utf8");

/** libxml2's own validator (xmllint, as WebAssembly) against the official ISO 20022 schema: the errors, or none. */
export async function painErrors(xml: string) {
  const result = await validateXML({ xml: [{ fileName: "batch.xml", contents: xml }], schema: [{ fileName: "pain.001.001.03.xsd", contents: painSchema }] });
  return result.errors.map((e) => e.rawMessage);
}
