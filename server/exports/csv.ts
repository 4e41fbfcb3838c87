import type { Request, Response } from "express";
import { z } from "zod";
import { LOCALES, type Locale } from "@server/i18n/locale.js";
import { toCsv } from "@server/metrics/csv.js";
import { codeWord, fieldWord, word, type CodeFamily } from "./words.js";

// Every CSV the staff app offers comes in two forms from one table:
// - labelled (the default): the UI's words in the reader's language for the headers and for codes,
//   yes/no for flags, no internal ids — a file a leader can hand on;
// - machine-readable (`machine=1`): the stable code names and raw values, for scripts.

type Row = Record<string, unknown>;

/** How a column's values read in the labelled form. */
export type ValueWords = CodeFamily | "field" | ((value: unknown, locale: Locale, row: Row) => unknown);

export type CsvTable = {
  rows: readonly Row[];
  /** The columns in order; else every key of every row in order of first appearance. */
  columns?: readonly string[];
  /** The columns of the labelled form, when not those above less the ids. */
  labelledColumns?: (locale: Locale) => readonly string[];
  /** Columns whose values are codes to put in words. */
  values?: Record<string, ValueWords>;
  /** Header words for columns the field dictionary does not name (a path as the key otherwise). */
  headers?: Record<string, (locale: Locale) => string>;
};

/** The query fields every CSV export accepts besides its own: `lang` (id|en) and `machine`. */
export const csvQueryFields = {
  /** The language of the headers and labels; the reader's own language by default. */
  lang: z.enum(LOCALES).optional(),
  /** `machine=1`: code names and raw values instead of words. */
  machine: z.stringbool().optional(),
};
export type CsvOptions = { locale: Locale; machine: boolean };

/** The reader's options: the language asked for, else the signed-in user's, else the browser's. */
export function csvOptions(req: Request, query: { lang?: Locale; machine?: boolean }): CsvOptions {
  return { locale: query.lang ?? req.actor?.locale ?? req.locale, machine: query.machine ?? false };
}

/** Internal ids mean nothing to a reader; the names beside them say the same. */
const isIdColumn = (column: string) => /(^|\.)(id|[a-z]+Id)$/.test(column);

function wordsFor(row: Row, value: unknown, words: ValueWords | undefined, locale: Locale): unknown {
  if (typeof value === "boolean") return word(locale, value ? "export.yes" : "export.no");
  if (value === null || value === undefined || words === undefined) return value;
  if (typeof words === "function") return words(value, locale, row);
  if (words === "field") return fieldWord(locale, String(value));
  return codeWord(locale, words, String(value));
}

/** The table as CSV in the chosen form. */
export function tableCsv(table: CsvTable, { locale, machine }: CsvOptions): string {
  const columns = table.columns ?? [...new Set(table.rows.flatMap((row) => Object.keys(row)))];
  if (machine) return toCsv(table.rows, columns);
  const shown = table.labelledColumns?.(locale) ?? columns.filter((column) => !isIdColumn(column));
  const header = (column: string) => table.headers?.[column]?.(locale) ?? fieldWord(locale, column);
  const rows = table.rows.map((row) =>
    Object.fromEntries(shown.map((column) => [column, wordsFor(row, row[column], table.values?.[column], locale)])),
  );
  return toCsv(rows, shown, shown.map(header));
}

/** Sends the table as a CSV download named `<fileName>.csv`. */
export function sendCsv(res: Response, fileName: string, table: CsvTable, options: CsvOptions): void {
  // The names are made here from dates and codes: plain ASCII, safe to quote as they are.
  res.set({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}.csv"`,
  });
  res.send(tableCsv(table, options));
}
