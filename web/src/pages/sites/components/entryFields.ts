import type { MessageKey } from "@web/i18n";
import type { EntryContent, SiteEntryKind } from "@web/pages/sites/api";
import {
  CODE_LABELS,
  type CodeLabels,
  POTENTIAL_CATEGORIES,
  PROJECT_STATUSES,
  SEMESTERS,
  YEARS,
} from "@web/pages/sites/labels";
import { type AnyListSpec, ENTRY_LISTS, today } from "./entryLists";

// The form of each kind of entry: which content fields the editor shows, how, and what each must
// hold (the server's limits, so the form can say what is wrong before sending). Nested fields use
// dotted paths ("funding.danaDesa"); lists (leaders, stages, budget lines…) are in entryLists.ts.
// The review's diff names and shows every field through the same specs.

export type FieldType =
  | "text"
  | "textarea"
  | "number"
  | "rupiah"
  | "percent"
  | "date"
  | "select"
  | "photos"
  | "document";

export type FieldSpec = {
  path: string;
  label: MessageKey;
  type: FieldType;
  /** Select fields: the codes offered and their names. */
  options?: readonly (string | number)[];
  optionLabels?: CodeLabels;
  /** Empty is refused (text, dates, numbers, documents). Amounts and percentages always are. */
  required?: boolean;
  /** Text: the most characters. */
  maxLength?: number;
  /** Numbers: the range, and whether only whole numbers are allowed. */
  min?: number;
  max?: number;
  integer?: boolean;
};

export type EntrySpec = FieldSpec | AnyListSpec;

const text = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "text" });
const area = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "textarea" });
const rupiah = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "rupiah" });
const date = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "date" });
const title: FieldSpec = { ...text("title", "sites.field.title"), required: true };
const year = (path: string, label: MessageKey): FieldSpec => ({
  path,
  label,
  type: "number",
  required: true,
  integer: true,
  min: YEARS.min,
  max: YEARS.max,
});
const photos: FieldSpec = { path: "photos", label: "sites.field.photos", type: "photos" };
const document: FieldSpec = { path: "documentId", label: "sites.field.document", type: "document" };
const coordinates: FieldSpec[] = [
  { path: "latitude", label: "sites.field.latitude", type: "number", min: -90, max: 90 },
  { path: "longitude", label: "sites.field.longitude", type: "number", min: -180, max: 180 },
];
const select = (path: keyof typeof CODE_LABELS, label: MessageKey, options: readonly (string | number)[]) =>
  ({ path, label, type: "select", options, optionLabels: CODE_LABELS[path] }) satisfies FieldSpec;

export const ENTRY_FIELDS: Record<SiteEntryKind, EntrySpec[]> = {
  profile: [
    area("history", "sites.field.history"),
    area("geography", "sites.field.geography"),
    area("visionMission", "sites.field.visionMission"),
    ENTRY_LISTS.leaders,
    area("structure", "sites.field.structure"),
    text("address", "sites.field.address"),
    text("hours", "sites.field.hours"),
    text("phone", "sites.field.phone"),
    text("email", "sites.field.email"),
    text("website", "sites.field.website"),
    ...coordinates,
    photos,
  ],
  potential: [
    select("category", "sites.field.category", POTENTIAL_CATEGORIES),
    title,
    area("description", "sites.field.description"),
    text("makers", "sites.field.makers"),
    ENTRY_LISTS.products,
    text("location", "sites.field.location"),
    ...coordinates,
    text("contact", "sites.field.contact"),
    photos,
  ],
  project: [
    title,
    text("location", "sites.field.location"),
    ...coordinates,
    year("budgetYear", "sites.field.budgetYear"),
    rupiah("funding.danaDesa", "sites.field.danaDesa"),
    rupiah("funding.provinsi", "sites.field.provinsi"),
    rupiah("funding.kabupaten", "sites.field.kabupaten"),
    rupiah("funding.swadaya", "sites.field.swadaya"),
    rupiah("amount", "sites.field.amount"),
    ENTRY_LISTS.revisions,
    text("volume", "sites.field.volume"),
    text("executor", "sites.field.executor"),
    area("benefits", "sites.field.benefits"),
    date("startDate", "sites.field.startDate"),
    date("targetDate", "sites.field.targetDate"),
    { path: "progress", label: "sites.field.progress", type: "percent" },
    select("status", "sites.field.status", PROJECT_STATUSES),
    photos,
    ENTRY_LISTS.stages,
  ],
  budget: [
    year("year", "sites.field.year"),
    select("semester", "sites.field.semester", SEMESTERS),
    ENTRY_LISTS.lines,
    document,
  ],
  download: [title, area("description", "sites.field.description"), { ...document, required: true }],
  agenda: [
    title,
    { ...date("date", "sites.field.date"), required: true },
    text("time", "sites.field.time"),
    text("place", "sites.field.place"),
    area("description", "sites.field.description"),
  ],
};

/** The spec of a field of a kind, by its path ("funding.danaDesa", "stages"). */
export function specOf(kind: SiteEntryKind, path: string): EntrySpec | undefined {
  return ENTRY_FIELDS[kind].find((spec) => spec.path === path);
}

const thisYear = new Date().getFullYear();

/** What a new entry starts with: the fields the server requires, the rest left to its defaults. */
export function newContent(kind: SiteEntryKind): Record<string, unknown> {
  switch (kind) {
    case "profile":
      return {};
    case "potential":
      return { category: "ekonomi", title: "" };
    case "project":
      return {
        title: "",
        budgetYear: thisYear,
        funding: { danaDesa: 0, provinsi: 0, kabupaten: 0, swadaya: 0 },
        amount: 0,
        progress: 0,
        status: "rencana",
      };
    case "budget":
      return { year: thisYear, semester: 1, lines: [] };
    case "download":
      return { title: "", documentId: null };
    case "agenda":
      return { title: "", date: today() };
  }
}

export function readPath(content: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], content);
}

/** A copy of the content with one (possibly nested) field set. */
export function writePath(content: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  if (rest.length === 0) return { ...content, [head]: value };
  const inner = (content[head] as Record<string, unknown> | undefined) ?? {};
  return { ...content, [head]: writePath(inner, rest.join("."), value) };
}

/** The form's values as the content the server checks (the form has checked them first). */
export const asContent = (content: Record<string, unknown>): EntryContent => content as EntryContent;
