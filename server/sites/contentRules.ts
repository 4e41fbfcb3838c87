// The codes and limits of unit-site content, named once in both languages. The content schemas
// (content.ts), the public pages and the staff app's entry form all read them; this file imports
// nothing, so the app bundles it without zod or server code.

type Label = { id: string; en: string };

export const POTENTIAL_CATEGORIES = ["ekonomi", "wisata", "produk_unggulan"] as const;
export const PROJECT_STATUSES = ["rencana", "berjalan", "selesai", "terhenti"] as const;
export const BUDGET_GROUPS = ["pendapatan", "belanja", "pembiayaan"] as const;
export const SEMESTERS = [1, 2] as const;

export type PotentialCategory = (typeof POTENTIAL_CATEGORIES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type BudgetGroup = (typeof BUDGET_GROUPS)[number];
export type Semester = (typeof SEMESTERS)[number];

export const POTENTIAL_CATEGORY_LABELS: Record<PotentialCategory, Label> = {
  ekonomi: { id: "Ekonomi", en: "Economy" },
  wisata: { id: "Wisata", en: "Tourism" },
  produk_unggulan: { id: "Produk unggulan", en: "Flagship products" },
};

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, Label> = {
  rencana: { id: "Rencana", en: "Planned" },
  berjalan: { id: "Berjalan", en: "Under way" },
  selesai: { id: "Selesai", en: "Completed" },
  terhenti: { id: "Terhenti", en: "Stalled" },
};

export const BUDGET_GROUP_LABELS: Record<BudgetGroup, Label> = {
  pendapatan: { id: "Pendapatan", en: "Revenue" },
  belanja: { id: "Belanja", en: "Spending" },
  pembiayaan: { id: "Pembiayaan", en: "Financing" },
};

export const SEMESTER_LABELS: Record<Semester, Label> = {
  1: { id: "Semester 1 (Januari–Juni)", en: "Semester 1 (January–June)" },
  2: { id: "Semester 2 (Juli–Desember)", en: "Semester 2 (July–December)" },
};

/** The largest amount of rupiah any field holds: far above any budget, well inside exact integers. */
export const MAX_RUPIAH = 1_000_000_000_000_000;
export const MAX_PHOTOS = 20;
/** Budget years, as far as dates go (server/text/fields.ts: 2000-01-01 to 2099-12-31). */
export const YEARS = { min: 2000, max: 2099 } as const;
/** Percentages of progress. */
export const MAX_PROGRESS = 100;

/** The lists inside entries: how many rows each may hold and how long each text of a row may be. */
export const LIST_LIMITS = {
  leaders: { rows: 50, name: 200, position: 200 },
  products: { rows: 50, name: 200, unit: 50 },
  revisions: { rows: 20, note: 500 },
  stages: { rows: 50, note: 1000 },
  lines: { rows: 200, name: 200 },
} as const;
