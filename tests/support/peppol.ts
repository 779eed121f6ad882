import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
// @ts-expect-error saxon-js ships no type declarations
import SaxonJS from "saxon-js";
import { validateXML } from "xmllint-wasm";

/*
 * The three layers a Peppol access point validates a BIS Billing 3.0 document against, run here
 * from the official artefacts (tests/fixtures/peppol, sources in its SOURCES.md): the OASIS UBL 2.1
 * schema (libxml2's validator), the CEN EN 16931 rules and OpenPEPPOL's rules (their compiled
 * schematrons, run by SaxonJS). Expected values come from those files, never from our own code.
 */

const root = "tests/fixtures/peppol";
const cacheDir = "node_modules/.cache/koppel-peppol";
type RuleSet = "CEN-EN16931-UBL" | "PEPPOL-EN16931-UBL";

/**
 * A rule set compiled once to SaxonJS's own form (SEF) and cached by the stylesheet's hash: a
 * validation then takes a fraction of a second instead of compiling 1.3 MB of XSLT each time.
 */
function compiledPath(name: RuleSet) {
  const xsl = path.join(root, "compiled", `${name}.xsl`);
  const hash = crypto.createHash("sha256").update(fs.readFileSync(xsl)).digest("hex").slice(0, 16);
  const sef = path.join(cacheDir, `${name}-${hash}.sef.json`);
  if (!fs.existsSync(sef)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed: test files compiling at once never read half a file.
    const partial = `${sef}.${process.pid}.tmp`;
    execFileSync(process.execPath, ["node_modules/xslt3/xslt3.js", `-xsl:${xsl}`, `-export:${partial}`, "-nogo"], { stdio: "pipe" });
    fs.renameSync(partial, sef);
  }
  return sef;
}

/** Both rule sets compiled before any test runs (tests/support/peppol-global-setup.ts): a test never waits half a minute for it. */
export function compileRuleSets() {
  for (const name of ["CEN-EN16931-UBL", "PEPPOL-EN16931-UBL"] as const) compiledPath(name);
}

const compiled = new Map<RuleSet, unknown>();
function stylesheet(name: RuleSet) {
  const known = compiled.get(name);
  if (known) return known;
  const parsed = JSON.parse(fs.readFileSync(compiledPath(name), "utf8"));
  compiled.set(name, parsed);
  return parsed;
}

const common = fs.readdirSync(path.join(root, "ubl-2.1/common")).map((file) => ({ fileName: `common/${file}`, contents: fs.readFileSync(path.join(root, "ubl-2.1/common", file), "utf8") }));

export type Failure = { layer: "xsd" | "cen" | "peppol"; id: string; flag: "fatal" | "warning"; text: string };

async function schemaFailures(xml: string): Promise<Failure[]> {
  const main = /<(?:\w+:)?CreditNote[\s>]/.test(xml) ? "UBL-CreditNote-2.1.xsd" : "UBL-Invoice-2.1.xsd";
  const result = await validateXML({
    xml: [{ fileName: "document.xml", contents: xml }],
    schema: [{ fileName: `maindoc/${main}`, contents: fs.readFileSync(path.join(root, "ubl-2.1/maindoc", main), "utf8") }],
    preload: common,
  });
  return result.errors.map((e) => ({ layer: "xsd", id: "XSD", flag: "fatal", text: e.rawMessage }));
}

const attribute = (element: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1] ?? "";

async function ruleFailures(xml: string, name: RuleSet, layer: "cen" | "peppol"): Promise<Failure[]> {
  const result = await SaxonJS.transform({ stylesheetInternal: stylesheet(name), sourceText: xml, destination: "serialized" }, "async");
  const svrl = String(result.principalResult);
  return [...svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)].map(([, attributes, body]) => ({
    layer,
    id: attribute(attributes, "id"),
    flag: attribute(attributes, "flag") === "warning" ? "warning" : "fatal",
    text: (/<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(body)?.[1] ?? "").trim(),
  }));
}

/** Every failure of the document in the three layers, warnings included. */
export async function peppolFailures(xml: string): Promise<Failure[]> {
  const xsd = await schemaFailures(xml);
  const [cen, peppol] = await Promise.all([ruleFailures(xml, "CEN-EN16931-UBL", "cen"), ruleFailures(xml, "PEPPOL-EN16931-UBL", "peppol")]);
  return [...xsd, ...cen, ...peppol];
}

/** The fatal failures as "layer:rule" (what makes an access point refuse the document); none for a valid one. */
export async function peppolFatal(xml: string) {
  return (await peppolFailures(xml)).filter((f) => f.flag === "fatal").map((f) => `${f.layer}:${f.id}${f.layer === "xsd" ? ` ${f.text}` : ""}`);
}

/** One of OpenPEPPOL's own valid reference documents. */
export const peppolExample = (file: "base-example.xml" | "vat-category-E.xml" | "base-creditnote-correction.xml") => fs.readFileSync(path.join(root, "examples", file), "utf8");
