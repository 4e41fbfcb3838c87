import type { CsvTable } from "@server/exports/csv.js";
import { codeWord, fieldWord, word, type CodeFamily } from "@server/exports/words.js";
import type { Locale } from "@server/i18n/locale.js";
import { figureRows, type PpidFigures } from "./figures.js";

// A year's PPID figures as a spreadsheet: one figure a row, by group ("requests.decision") and key.

/** Groups whose keys are codes of a family with words. */
const KEY_FAMILIES: Record<string, CodeFamily> = {
  "requests.channel": "ppidChannel",
  "requests.decision": "ppidDecision",
  "objections.reason": "ppidReason",
  "objections.outcome": "ppidObjectionOutcome",
  "disputes.outcome": "ppidDisputeOutcome",
};

function keyWord(key: unknown, locale: Locale, row: Record<string, unknown>): string {
  const group = String(row.group);
  if (group === "requests.exemption") return word(locale, "export.pasal17", { letter: String(key) });
  const family = KEY_FAMILIES[group];
  return family ? codeWord(locale, family, String(key)) : fieldWord(locale, String(key));
}

export function ppidFiguresTable(year: number, figures: PpidFigures): CsvTable {
  return {
    rows: figureRows(figures).map(([group, key, value]) => ({ year, group, key, value })),
    columns: ["year", "group", "key", "value"],
    values: { group: "field", key: keyWord },
    headers: { key: (locale) => fieldWord(locale, "figure") },
  };
}
