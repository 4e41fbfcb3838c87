import type { MessageKey } from "../../../i18n";
import type { EntryContent, SiteEntryKind } from "../api";

// The form of each kind of entry: which content fields the editor shows, and how. Nested fields
// use dotted paths ("funding.danaDesa"). Lists inside an entry (leaders, products, revisions,
// progress stages, budget lines) keep what they hold; this editor does not change them yet.

export type FieldSpec = {
  path: string;
  label: MessageKey;
  type: "text" | "textarea" | "number" | "date" | "select" | "photos" | "document";
  options?: readonly string[];
};

const text = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "text" });
const area = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "textarea" });
const num = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "number" });
const date = (path: string, label: MessageKey): FieldSpec => ({ path, label, type: "date" });
const photos: FieldSpec = { path: "photos", label: "sites.field.photos", type: "photos" };
const coordinates = [num("latitude", "sites.field.latitude"), num("longitude", "sites.field.longitude")];

export const ENTRY_FIELDS: Record<SiteEntryKind, FieldSpec[]> = {
  profile: [
    area("history", "sites.field.history"),
    area("geography", "sites.field.geography"),
    area("visionMission", "sites.field.visionMission"),
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
    {
      path: "category",
      label: "sites.field.category",
      type: "select",
      options: ["ekonomi", "wisata", "produk_unggulan"],
    },
    text("title", "sites.field.title"),
    area("description", "sites.field.description"),
    text("makers", "sites.field.makers"),
    text("location", "sites.field.location"),
    ...coordinates,
    text("contact", "sites.field.contact"),
    photos,
  ],
  project: [
    text("title", "sites.field.title"),
    text("location", "sites.field.location"),
    ...coordinates,
    num("budgetYear", "sites.field.budgetYear"),
    num("funding.danaDesa", "sites.field.danaDesa"),
    num("funding.provinsi", "sites.field.provinsi"),
    num("funding.kabupaten", "sites.field.kabupaten"),
    num("funding.swadaya", "sites.field.swadaya"),
    num("amount", "sites.field.amount"),
    text("volume", "sites.field.volume"),
    text("executor", "sites.field.executor"),
    area("benefits", "sites.field.benefits"),
    date("startDate", "sites.field.startDate"),
    date("targetDate", "sites.field.targetDate"),
    num("progress", "sites.field.progress"),
    {
      path: "status",
      label: "sites.field.status",
      type: "select",
      options: ["rencana", "berjalan", "selesai", "terhenti"],
    },
    photos,
  ],
  budget: [
    num("year", "sites.field.year"),
    { path: "semester", label: "sites.field.semester", type: "select", options: ["1", "2"] },
    { path: "documentId", label: "sites.field.document", type: "document" },
  ],
  download: [
    text("title", "sites.field.title"),
    area("description", "sites.field.description"),
    { path: "documentId", label: "sites.field.document", type: "document" },
  ],
  agenda: [
    text("title", "sites.field.title"),
    date("date", "sites.field.date"),
    text("time", "sites.field.time"),
    text("place", "sites.field.place"),
    area("description", "sites.field.description"),
  ],
};

const thisYear = new Date().getFullYear();

/** What a new entry starts with: the fields the server requires, the rest left to its defaults. */
export function newContent(kind: SiteEntryKind): Record<string, unknown> {
  switch (kind) {
    case "profile":
      return {};
    case "potential":
      return { category: "ekonomi", title: "" };
    case "project":
      return { title: "", budgetYear: thisYear, amount: 0, status: "rencana" };
    case "budget":
      return { year: thisYear, semester: 1 };
    case "download":
      return { title: "", documentId: null };
    case "agenda":
      return { title: "", date: new Date().toISOString().slice(0, 10) };
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

/** Form values to the content's types: empty numbers and dates become null, the semester a number. */
export function asContent(kind: SiteEntryKind, content: Record<string, unknown>): EntryContent {
  const typed = { ...content };
  if (kind === "budget" && typeof typed.semester === "string") typed.semester = Number(typed.semester);
  return typed as EntryContent;
}
