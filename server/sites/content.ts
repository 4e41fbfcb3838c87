import { z } from "zod";
import type { SiteEntryKind } from "@server/db/generated/enums.js";
import { calendarDay } from "@server/text/fields.js";
import {
  BUDGET_GROUPS,
  LIST_LIMITS,
  MAX_PHOTOS,
  MAX_PROGRESS,
  MAX_RUPIAH,
  POTENTIAL_CATEGORIES,
  PROJECT_STATUSES,
  SEMESTERS,
  YEARS,
} from "./contentRules.js";

// What each kind of site entry holds. One shape per kind, checked whenever content comes in (from
// staff or from OpenSID), so the public pages and the review's diff can rely on it.

const text = (max: number) => z.string().trim().max(max).default("");
const required = (max: number) => z.string().trim().min(1).max(max);
const title = required(200);
const rupiah = z.number().int().min(0).max(MAX_RUPIAH);
const year = z.number().int().min(YEARS.min).max(YEARS.max);
const percent = z.number().int().min(0).max(MAX_PROGRESS);
const latitude = z.number().min(-90).max(90).nullable().default(null);
const longitude = z.number().min(-180).max(180).nullable().default(null);
const photos = z.array(z.uuid()).max(MAX_PHOTOS).default([]);
const day = calendarDay.nullable().default(null);

export const profileContent = z.object({
  history: text(20_000),
  geography: text(20_000),
  visionMission: text(20_000),
  leaders: z
    .array(z.object({ name: required(LIST_LIMITS.leaders.name), position: required(LIST_LIMITS.leaders.position) }))
    .max(LIST_LIMITS.leaders.rows)
    .default([]),
  structure: text(20_000),
  address: text(500),
  hours: text(500),
  phone: text(50),
  email: text(200),
  /** The desa's own website (an OpenSID identity push sends it). */
  website: text(500),
  latitude,
  longitude,
  photos,
});

export const potentialContent = z.object({
  category: z.enum(POTENTIAL_CATEGORIES),
  title,
  description: text(20_000),
  makers: text(1000),
  location: text(500),
  latitude,
  longitude,
  contact: text(500),
  products: z
    .array(
      z.object({ name: required(LIST_LIMITS.products.name), price: rupiah, unit: required(LIST_LIMITS.products.unit) }),
    )
    .max(LIST_LIMITS.products.rows)
    .default([]),
  photos,
});

export const projectContent = z.object({
  title,
  location: text(500),
  latitude,
  longitude,
  budgetYear: year,
  /** Rupiah per source: Dana Desa, provinsi, kabupaten, swadaya (self-help). */
  funding: z
    .object({
      danaDesa: rupiah.default(0),
      provinsi: rupiah.default(0),
      kabupaten: rupiah.default(0),
      swadaya: rupiah.default(0),
    })
    .default({ danaDesa: 0, provinsi: 0, kabupaten: 0, swadaya: 0 }),
  amount: rupiah,
  /** Each change of the amount, with why. */
  revisions: z
    .array(z.object({ date: calendarDay, amount: rupiah, note: text(LIST_LIMITS.revisions.note) }))
    .max(LIST_LIMITS.revisions.rows)
    .default([]),
  volume: text(200),
  executor: text(200),
  benefits: text(5000),
  startDate: day,
  targetDate: day,
  progress: percent.default(0),
  /** Progress reports, each with its photos (0 %, 50 %, 100 %...). */
  stages: z
    .array(
      z.object({
        date: calendarDay,
        progress: percent,
        note: text(LIST_LIMITS.stages.note),
        photos,
        /** OpenSID's id of the progress report, so a second push replaces it. */
        key: z.string().max(100).nullable().default(null),
      }),
    )
    .max(LIST_LIMITS.stages.rows)
    .default([]),
  status: z.enum(PROJECT_STATUSES).default("rencana"),
  photos,
});

const budgetLine = z.object({
  group: z.enum(BUDGET_GROUPS),
  name: required(LIST_LIMITS.lines.name),
  plan: rupiah,
  realisation: rupiah,
});

export const budgetContent = z.object({
  year: year,
  semester: z.literal(SEMESTERS),
  lines: z.array(budgetLine).max(LIST_LIMITS.lines.rows).default([]),
  /** The report as a file (an OpenSID push sends a PDF). */
  documentId: z.uuid().nullable().default(null),
});

export const downloadContent = z.object({
  title,
  description: text(2000),
  documentId: z.uuid(),
});

export const agendaContent = z.object({
  title,
  date: calendarDay,
  time: text(50),
  place: text(500),
  description: text(5000),
});

export const CONTENT_SCHEMAS = {
  profile: profileContent,
  potential: potentialContent,
  project: projectContent,
  budget: budgetContent,
  download: downloadContent,
  agenda: agendaContent,
} satisfies Record<SiteEntryKind, z.ZodType>;

export type ContentOf<K extends SiteEntryKind> = z.output<(typeof CONTENT_SCHEMAS)[K]>;
export type SiteContent = ContentOf<SiteEntryKind>;

/** Content as stored (already checked on the way in); unknown keys of older versions are dropped. */
export function readContent<K extends SiteEntryKind>(kind: K, stored: unknown): ContentOf<K> | null {
  if (stored === null || stored === undefined) return null;
  const parsed = CONTENT_SCHEMAS[kind].safeParse(stored);
  return parsed.success ? (parsed.data as ContentOf<K>) : null;
}

/** The line a list shows for an entry. */
export function entryTitle(kind: SiteEntryKind, content: SiteContent | null): string {
  if (!content) return "";
  if (kind === "profile") return "Profil";
  if (kind === "budget") {
    const budget = content as ContentOf<"budget">;
    return `APBDes ${budget.year} semester ${budget.semester}`;
  }
  return (content as { title: string }).title;
}

/** The key that keeps one entry per thing: one profile per unit, one budget per year and semester. */
export function entryKeyOf(kind: SiteEntryKind, content: SiteContent): string | null {
  if (kind === "profile") return "profile";
  if (kind === "budget") {
    const budget = content as ContentOf<"budget">;
    return `${budget.year}-${budget.semester}`;
  }
  return null;
}

/** Every photo (media id) the content shows, for the public pages and for checking ownership. */
export function photosOf(kind: SiteEntryKind, content: SiteContent | null): string[] {
  if (!content) return [];
  if (kind === "project") {
    const project = content as ContentOf<"project">;
    return [...project.photos, ...project.stages.flatMap((stage) => stage.photos)];
  }
  return "photos" in content ? (content.photos as string[]) : [];
}

/** The documents (downloads, budget reports) the content offers. */
export function documentsOf(content: SiteContent | null): string[] {
  const id = content && "documentId" in content ? content.documentId : null;
  return id ? [id] : [];
}
