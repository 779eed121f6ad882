import { parse } from "csv-parse/sync";

/**
 * Reads every uploaded CSV (imports, bank statements): UTF-8 (a BOM is fine), a header row, comma-
 * or semicolon-separated (whichever the header uses more), fields may be quoted. Returns rows keyed
 * by header name, lower-cased and trimmed.
 */
export function readCsv(text: string, options: { relaxColumnCount?: boolean } = {}): { rows: Record<string, string>[]; columns: string[] } | { error: string } {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    // Bank exports may end each row with an extra separator: `relaxColumnCount` accepts rows one
    // cell longer or shorter than the header (the missing cells read as empty).
    const records: string[][] = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: options.relaxColumnCount ?? false });
    if (records.length === 0) return { error: "empty" };
    const [header, ...data] = records;
    const columns = header.map((h) => h.trim().toLowerCase());
    return { columns, rows: data.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]))) };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { error: line ? `line:${line}` : "unreadable" };
  }
}

/**
 * Spreadsheet exports as Belgian Excel opens them: UTF-8 with a BOM, semicolons, CRLF. A cell that
 * starts like a formula (= + - @) gets a leading apostrophe, so text a user typed can never run
 * as one in the office's spreadsheet.
 */
export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell) {
  if (value === null || value === undefined) return "";
  let text = typeof value === "boolean" ? (value ? "ja" : "nee") : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toExcelCsv(header: string[], rows: CsvCell[][]) {
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(";")).join("\r\n")}\r\n`;
}

/** Cents as euros with a decimal comma: 123456 → "1234,56". */
export { plainEuros as csvEuros } from "./money";

export function csvResponse(body: string, filename: string) {
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "private, no-store" },
  });
}
