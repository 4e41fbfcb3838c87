import type { MessageKey, MessageVars } from "@web/i18n";
import type { SiteEntryKind } from "@web/pages/sites/api";
import { MAX_PHOTOS, MAX_PROGRESS, MAX_RUPIAH, YEARS } from "@web/pages/sites/labels";
import { groupRupiah } from "@web/pages/sites/rupiah";
import { ENTRY_FIELDS, type FieldSpec, readPath } from "./entryFields";

// What the form says is wrong before anything is sent: the server's own limits, in the UI's
// language, at the field (a list's cells by "stages.0.progress"). The server checks again.

export type Problem = { key: MessageKey; vars?: MessageVars };

const DAY = /^(\d{4})-\d{2}-\d{2}$/;
const isBlank = (value: unknown) => value === null || value === undefined || String(value).trim() === "";

/** What is wrong with one value, or null. */
export function fieldProblem(spec: FieldSpec, value: unknown): Problem | null {
  switch (spec.type) {
    case "text":
    case "textarea": {
      const text = String(value ?? "").trim();
      if (spec.required && !text) return { key: "sites.check.required" };
      if (spec.maxLength && text.length > spec.maxLength)
        return { key: "sites.check.tooLong", vars: { max: spec.maxLength } };
      return null;
    }
    case "rupiah":
      if (isBlank(value)) return { key: "sites.check.required" };
      if (typeof value !== "number") return { key: "sites.check.rupiah" };
      if (value < 0) return { key: "sites.check.negative" };
      if (value > MAX_RUPIAH) return { key: "sites.check.tooLarge", vars: { max: `Rp ${groupRupiah(MAX_RUPIAH)}` } };
      return null;
    case "percent":
      if (isBlank(value)) return { key: "sites.check.required" };
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_PROGRESS)
        return { key: "sites.check.percent" };
      return null;
    case "number":
      if (isBlank(value)) return spec.required ? { key: "sites.check.required" } : null;
      if (
        typeof value !== "number" ||
        !Number.isFinite(value) ||
        (spec.integer && !Number.isInteger(value)) ||
        (spec.min !== undefined && value < spec.min) ||
        (spec.max !== undefined && value > spec.max)
      )
        return {
          key: spec.integer ? "sites.check.wholeRange" : "sites.check.range",
          vars: { min: spec.min ?? "", max: spec.max ?? "" },
        };
      return null;
    case "date": {
      if (isBlank(value)) return spec.required ? { key: "sites.check.required" } : null;
      const year = Number(DAY.exec(String(value))?.[1]);
      if (!(year >= YEARS.min && year <= YEARS.max) || Number.isNaN(Date.parse(String(value))))
        return { key: "sites.check.date", vars: { min: YEARS.min, max: YEARS.max } };
      return null;
    }
    case "photos":
      return Array.isArray(value) && value.length > MAX_PHOTOS
        ? { key: "sites.check.tooManyPhotos", vars: { max: MAX_PHOTOS } }
        : null;
    case "document":
      return spec.required && isBlank(value) ? { key: "sites.check.document" } : null;
    case "select":
      return null;
  }
}

/** Every problem of an entry's content, by path: "title", "stages" (the list), "stages.0.progress". */
export function entryProblems(kind: SiteEntryKind, content: Record<string, unknown>): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  for (const spec of ENTRY_FIELDS[kind]) {
    const value = readPath(content, spec.path);
    if (spec.type !== "list") {
      const problem = fieldProblem(spec, value);
      if (problem) problems[spec.path] = problem;
      continue;
    }
    const rows = (value as Record<string, unknown>[] | undefined) ?? [];
    if (rows.length > spec.maxRows)
      problems[spec.path] = { key: "sites.check.tooManyRows", vars: { max: spec.maxRows } };
    rows.forEach((row, index) => {
      for (const column of spec.columns) {
        const problem = fieldProblem(column, row[column.path]);
        if (problem) problems[`${spec.path}.${index}.${column.path}`] = problem;
      }
    });
  }
  return problems;
}
