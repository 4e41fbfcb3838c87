import type { Locale } from "@web/api/types";
import type { MessageKey } from "@web/i18n";
import {
  BUDGET_GROUP_LABELS,
  BUDGET_GROUPS,
  MAX_PHOTOS,
  MAX_PROGRESS,
  MAX_RUPIAH,
  LIST_LIMITS,
  POTENTIAL_CATEGORIES,
  POTENTIAL_CATEGORY_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
  SEMESTER_LABELS,
  SEMESTERS,
  YEARS,
} from "@server/sites/contentRules";
import type { SiteEntrySummary } from "./api";

// The content codes are named once, in both languages, beside the codes themselves (the public
// unit sites use the same names); the staff app picks the user's language.

export {
  BUDGET_GROUPS,
  LIST_LIMITS,
  MAX_PHOTOS,
  MAX_PROGRESS,
  MAX_RUPIAH,
  POTENTIAL_CATEGORIES,
  PROJECT_STATUSES,
  SEMESTERS,
  YEARS,
};

/** The names of a select field's codes. */
export type CodeLabels = Record<string, { id: string; en: string }>;
export const CODE_LABELS = {
  category: POTENTIAL_CATEGORY_LABELS,
  status: PROJECT_STATUS_LABELS,
  group: BUDGET_GROUP_LABELS,
  semester: SEMESTER_LABELS,
} satisfies Record<string, CodeLabels>;

export const codeLabel = (labels: CodeLabels, code: unknown, language: Locale): string =>
  labels[String(code)]?.[language] ?? String(code);

/** An entry's heading: the server's title, but the profile named in the UI's language. */
export function entryHeading(entry: Pick<SiteEntrySummary, "kind" | "title">, t: (key: MessageKey) => string) {
  return entry.kind === "profile" || !entry.title ? t(`sites.kind.${entry.kind}`) : entry.title;
}
