// Figures as an aligned table: numbers to the right, text to the left.

export type Row = Record<string, string | number>;

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cell = (value: string | number | undefined) => (value === undefined ? "" : String(value));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const numeric = (value: string) => /^-?[\d.]+( %)?$/.test(value);
  const line = (values: (string | number | undefined)[]) =>
    values
      .map((value, i) => (numeric(cell(value)) ? cell(value).padStart(widths[i]!) : cell(value).padEnd(widths[i]!)))
      .join("  ");
  console.log(line(columns));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(columns.map((column) => row[column])));
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Milliseconds as seconds with two decimals, the unit publishing delays are read in. */
export const seconds = (ms: number) => (ms / 1000).toFixed(2);
