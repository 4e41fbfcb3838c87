import type { MessageKey } from "@web/i18n";
import type { ContentOf } from "@web/pages/sites/api";
import { BUDGET_GROUPS, CODE_LABELS, LIST_LIMITS } from "@web/pages/sites/labels";
import type { FieldSpec } from "./entryFields";

// The lists inside entries, each described by its columns; one editor (ListEditor) and one diff
// serve them all. Limits come from the server's own (LIST_LIMITS).

/** A column: a field of each row, with the form's rules for it. */
export type ColumnSpec<Row> = FieldSpec & { path: keyof Row & string };

export type ListSpec<Row> = {
  path: string;
  type: "list";
  label: MessageKey;
  /** A row's name, with its place from 1: "Tahap {n}". */
  rowLabel: MessageKey;
  addLabel: MessageKey;
  columns: readonly ColumnSpec<Row>[];
  maxRows: number;
  /** Whether the order means something (leaders by rank, stages in time), so rows move up and down. */
  reorderable: boolean;
  /** A new row, given the rows so far (a new stage starts where the last one stopped). */
  newRow(rows: readonly Partial<Row>[]): Partial<Row>;
};

/** A list spec with its row type erased, for the tables of specs. */
// biome-ignore lint/suspicious/noExplicitAny: the row type is known where each list is defined.
export type AnyListSpec = ListSpec<any>;

type Leader = ContentOf<"profile">["leaders"][number];
type Product = ContentOf<"potential">["products"][number];
type Revision = ContentOf<"project">["revisions"][number];
type Stage = ContentOf<"project">["stages"][number];
type BudgetLine = ContentOf<"budget">["lines"][number];

const required = { required: true } as const;

const leaders: ListSpec<Leader> = {
  path: "leaders",
  type: "list",
  label: "sites.field.leaders",
  rowLabel: "sites.row.leaders",
  addLabel: "sites.add.leaders",
  columns: [
    { path: "name", label: "sites.field.leaderName", type: "text", ...required, maxLength: LIST_LIMITS.leaders.name },
    {
      path: "position",
      label: "sites.field.leaderPosition",
      type: "text",
      ...required,
      maxLength: LIST_LIMITS.leaders.position,
    },
  ],
  maxRows: LIST_LIMITS.leaders.rows,
  reorderable: true,
  newRow: () => ({ name: "", position: "" }),
};

const products: ListSpec<Product> = {
  path: "products",
  type: "list",
  label: "sites.field.products",
  rowLabel: "sites.row.products",
  addLabel: "sites.add.products",
  columns: [
    { path: "name", label: "sites.field.productName", type: "text", ...required, maxLength: LIST_LIMITS.products.name },
    { path: "price", label: "sites.field.price", type: "rupiah" },
    { path: "unit", label: "sites.field.unit", type: "text", ...required, maxLength: LIST_LIMITS.products.unit },
  ],
  maxRows: LIST_LIMITS.products.rows,
  reorderable: false,
  newRow: () => ({ name: "", price: undefined, unit: "" }),
};

const revisions: ListSpec<Revision> = {
  path: "revisions",
  type: "list",
  label: "sites.field.revisions",
  rowLabel: "sites.row.revisions",
  addLabel: "sites.add.revisions",
  columns: [
    { path: "date", label: "sites.field.date", type: "date", ...required },
    { path: "amount", label: "sites.field.revisedAmount", type: "rupiah" },
    { path: "note", label: "sites.field.revisionNote", type: "text", maxLength: LIST_LIMITS.revisions.note },
  ],
  maxRows: LIST_LIMITS.revisions.rows,
  reorderable: false,
  newRow: () => ({ date: today(), amount: undefined, note: "" }),
};

const stages: ListSpec<Stage> = {
  path: "stages",
  type: "list",
  label: "sites.field.stages",
  rowLabel: "sites.row.stages",
  addLabel: "sites.add.stages",
  columns: [
    { path: "date", label: "sites.field.date", type: "date", ...required },
    { path: "progress", label: "sites.field.progress", type: "percent" },
    { path: "note", label: "sites.field.stageNote", type: "textarea", maxLength: LIST_LIMITS.stages.note },
    { path: "photos", label: "sites.field.stagePhotos", type: "photos" },
  ],
  maxRows: LIST_LIMITS.stages.rows,
  reorderable: true,
  newRow: (rows) => ({ date: today(), progress: rows.at(-1)?.progress ?? 0, note: "", photos: [] }),
};

const lines: ListSpec<BudgetLine> = {
  path: "lines",
  type: "list",
  label: "sites.field.lines",
  rowLabel: "sites.row.lines",
  addLabel: "sites.add.lines",
  columns: [
    {
      path: "group",
      label: "sites.field.group",
      type: "select",
      options: BUDGET_GROUPS,
      optionLabels: CODE_LABELS.group,
    },
    { path: "name", label: "sites.field.lineName", type: "text", ...required, maxLength: LIST_LIMITS.lines.name },
    { path: "plan", label: "sites.field.plan", type: "rupiah" },
    { path: "realisation", label: "sites.field.realisation", type: "rupiah" },
  ],
  maxRows: LIST_LIMITS.lines.rows,
  reorderable: false,
  // Lines come in groups: a new line starts in the group of the one before it.
  newRow: (rows) => ({ group: rows.at(-1)?.group ?? "pendapatan", name: "", plan: undefined, realisation: 0 }),
};

/** Today as the browser's calendar shows it ("2026-05-12"), for new dates. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const ENTRY_LISTS = { leaders, products, revisions, stages, lines };
