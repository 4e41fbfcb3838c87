import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { SiteEntryKind } from "@server/db/generated/enums.js";
import { CONTENT_SCHEMAS } from "@server/sites/content.js";
import { en } from "@web/i18n/en.js";
import { id } from "@web/i18n/id.js";
import { entryProblems } from "@web/pages/sites/components/entryChecks.js";
import { ENTRY_FIELDS, specOf } from "@web/pages/sites/components/entryFields.js";
import { parseRupiah } from "@web/pages/sites/rupiah.js";

// The staff app's entry form against the server's content schemas: every field and every field of
// a list's rows has a name in both languages, and the form's checks refuse what the server refuses.

/** A schema's object shape, under defaults, nullables and arrays. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodNullable || inner instanceof z.ZodArray)
    inner = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : (inner.unwrap() as z.ZodType);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : null;
}

/** Each field's path: nested objects by dotted path, lists as one field with their rows' fields. */
function fieldsOf(kind: SiteEntryKind) {
  const fields: { path: string; rowFields: string[] }[] = [];
  for (const [name, field] of Object.entries(CONTENT_SCHEMAS[kind].shape as Record<string, z.ZodType>)) {
    const shape = shapeOf(field);
    const isList = field instanceof z.ZodDefault ? field.unwrap() instanceof z.ZodArray : field instanceof z.ZodArray;
    if (shape && !isList) fields.push(...Object.keys(shape).map((sub) => ({ path: `${name}.${sub}`, rowFields: [] })));
    else fields.push({ path: name, rowFields: shape ? Object.keys(shape) : [] });
  }
  return fields;
}

const KINDS = Object.keys(CONTENT_SCHEMAS) as SiteEntryKind[];

describe("the entry form's fields", () => {
  it("cover every field of every kind and every field of the lists' rows, named in id and en", () => {
    for (const kind of KINDS) {
      for (const { path, rowFields } of fieldsOf(kind)) {
        const spec = specOf(kind, path);
        expect(spec, `${kind}.${path}`).toBeDefined();
        expect(id[spec!.label]).toBeTruthy();
        expect(en[spec!.label]).toBeTruthy();
        if (spec!.type !== "list") continue;
        // OpenSID's key of a progress report is kept, never shown.
        const columns = spec!.columns.map((column) => column.path);
        expect(columns.sort(), `${kind}.${path} rows`).toEqual(rowFields.filter((f) => f !== "key").sort());
      }
    }
  });

  it("refuse what the server refuses, and let through what it accepts", () => {
    const project = {
      title: "Jalan",
      budgetYear: 2026,
      funding: { danaDesa: 0, provinsi: 0, kabupaten: 0, swadaya: 0 },
      amount: 1_250_000,
      progress: 10,
      revisions: [{ date: "2026-03-01", amount: -5000, note: "" }],
      stages: [{ date: "2026-04-01", progress: 150, note: "", photos: [] }],
    };
    expect(Object.keys(entryProblems("project", project)).sort()).toEqual(["revisions.0.amount", "stages.0.progress"]);
    expect(
      CONTENT_SCHEMAS.project
        .safeParse(project)
        .error?.issues.map((i) => i.path.join("."))
        .sort(),
    ).toEqual(["revisions.0.amount", "stages.0.progress"]);
    const fixed = {
      ...project,
      revisions: [{ ...project.revisions[0], amount: 5000 }],
      stages: [{ ...project.stages[0], progress: 100 }],
    };
    expect(entryProblems("project", fixed)).toEqual({});
    expect(CONTENT_SCHEMAS.project.safeParse(fixed).success).toBe(true);

    const budget = { year: 2026, semester: 1, lines: [{ group: "belanja", name: " ", plan: "12abc", realisation: 0 }] };
    expect(entryProblems("budget", budget)).toEqual({
      "lines.0.name": { key: "sites.check.required" },
      "lines.0.plan": { key: "sites.check.rupiah" },
    });
    const tooMany = {
      ...budget,
      lines: Array.from({ length: 201 }, () => ({ ...budget.lines[0], name: "x", plan: 1 })),
    };
    expect(entryProblems("budget", tooMany)).toEqual({ lines: { key: "sites.check.tooManyRows", vars: { max: 200 } } });
    expect(CONTENT_SCHEMAS.budget.safeParse(tooMany).success).toBe(false);
  });

  it("list the kinds' fields once each", () => {
    for (const kind of KINDS) {
      const paths = ENTRY_FIELDS[kind].map((spec) => spec.path);
      expect(new Set(paths).size).toBe(paths.length);
    }
  });
});

describe("rupiah typed in the form", () => {
  it("read the Indonesian way, with or without dots, and keep what is no amount as typed", () => {
    expect(parseRupiah("1.250.000")).toBe(1_250_000);
    expect(parseRupiah("1250000")).toBe(1_250_000);
    expect(parseRupiah("Rp 1.250.000,00")).toBe(1_250_000);
    expect(parseRupiah("-5.000")).toBe(-5000);
    expect(parseRupiah("")).toBeNull();
    expect(parseRupiah("12abc")).toBe("12abc");
    expect(parseRupiah("1.25")).toBe("1.25");
  });
});
