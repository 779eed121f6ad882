import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zipFiles } from "~/lib/zip";

/*
 * The evidence file's ZIP, judged by a tool that is not ours: Info-ZIP's unzip (installed by
 * .ci/run) tests every file's CRC and lists names and sizes as it reads them.
 */
describe("a ZIP archive", () => {
  it("is read by unzip: names, sizes and contents (UTF-8 text) intact", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-zip-"));
    const archive = path.join(dir, "dossier.zip");
    const xml = `<?xml version="1.0"?><Invoice>€ 1.573,00</Invoice>`;
    fs.writeFileSync(archive, zipFiles([{ name: "overzicht.html", content: "<h1>Dossier V-2026-000042</h1>" }, { name: "facturen/KOPPEL-2026-0001.xml", content: xml }, { name: "geschiedenis.csv", content: "" }]));
    expect(execFileSync("unzip", ["-t", archive], { encoding: "utf8" })).toMatch(/No errors detected/);
    expect(execFileSync("unzip", ["-p", archive, "facturen/KOPPEL-2026-0001.xml"], { encoding: "utf8" })).toBe(xml);
    const listing = execFileSync("unzip", ["-Z1", archive], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toEqual(["overzicht.html", "facturen/KOPPEL-2026-0001.xml", "geschiedenis.csv"]);
  });
});
