import { parse } from "csv-parse/sync";

/**
 * Reads an import file: UTF-8 (a BOM is fine), a header row, comma- or semicolon-separated
 * (whichever the header uses more), fields may be quoted. Returns rows keyed by header name.
 */
export function readCsv(text: string): { rows: Record<string, string>[]; columns: string[] } | { error: string } {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    const records: string[][] = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: false });
    if (records.length === 0) return { error: "empty" };
    const [header, ...data] = records;
    const columns = header.map((h) => h.toLowerCase());
    return { columns, rows: data.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]))) };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { error: line ? `line:${line}` : "unreadable" };
  }
}

/** A `;`-separated list in one cell ("website;webshop"), without empties or repeats. */
export function splitList(cell: string) {
  return [...new Set(cell.split(/[;|]/).map((v) => v.trim()).filter(Boolean))];
}
