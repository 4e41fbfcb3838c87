// CSV as RFC 4180 describes it: CRLF line ends, a header row, and fields holding a comma, a
// double quote or a line break enclosed in double quotes with inner quotes doubled.

type Row = Record<string, unknown>;

/** Spreadsheets run a cell that starts like a formula; such text gets a leading apostrophe (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text =
    value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rows as CSV; the columns are those given (the header even without rows), else every key of
 * every row in order of first appearance. The header names the columns, or says `headers` instead.
 */
export function toCsv(rows: readonly Row[], fixedColumns?: readonly string[], headers?: readonly string[]): string {
  const columns = fixedColumns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [
    (headers ?? columns).map(field).join(","),
    ...rows.map((row) => columns.map((column) => field(row[column])).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
