import { z } from "zod";
import { csvQueryFields } from "@server/exports/csv.js";
import { SiteEntryKind, SiteEntryStatus } from "@server/db/generated/enums.js";
import { CONTENT_SCHEMAS } from "@server/sites/content.js";
import { staleAfterDaysField } from "@server/sites/settings.js";
import { SLUG_PATTERN } from "@server/sites/slugs.js";
import { paginationQuery } from "@server/routes/pagination.js";

/** A host name as a browser sends it, without port: labels of letters, digits and hyphens. */
const HOST_PATTERN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const siteSettingsBody = z
  .object({
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(60)
      .regex(SLUG_PATTERN, "huruf kecil, angka dan tanda hubung / lowercase letters, digits and hyphens"),
    host: z
      .string()
      .trim()
      .toLowerCase()
      .regex(HOST_PATTERN, "nama host seperti kapuas.sanggau.go.id / a host name such as kapuas.sanggau.go.id")
      .nullable(),
    reviewRequired: z.boolean(),
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type SiteSettingsBody = z.infer<typeof siteSettingsBody>;

export const sitesSettingsBody = z.object({ staleAfterDays: staleAfterDaysField }).strict();

/** The kind first: the content is then checked against that kind's shape. */
export const entryKindBody = z.object({ kind: z.enum(SiteEntryKind) }).loose();
export const entryBodyFor = (kind: SiteEntryKind) =>
  z.object({ kind: z.literal(kind), content: CONTENT_SCHEMAS[kind], submit: z.boolean().default(false) }).strict();
export const updateEntryBodyFor = (kind: SiteEntryKind) =>
  z.object({ content: CONTENT_SCHEMAS[kind], submit: z.boolean().default(false) }).strict();

/** Every kind's create and save bodies, for the API reference (the handlers pick the entry's kind). */
export const anyEntryBody = z.union(Object.values(SiteEntryKind).map(entryBodyFor));
export const anyUpdateEntryBody = z.union(Object.values(SiteEntryKind).map(updateEntryBodyFor));

export const returnEntryBody = z.object({ note: z.string().trim().min(3).max(2000) }).strict();

export const listEntriesQuery = paginationQuery.extend({
  status: z.enum(SiteEntryStatus).optional(),
  unitId: z.uuid().optional(),
  kind: z.enum(SiteEntryKind).optional(),
});

export const freshnessQuery = z
  .object({ unitId: z.uuid().optional(), format: z.enum(["json", "csv"]).default("json"), ...csvQueryFields })
  .strict();

export const documentUploadQuery = z.object({ name: z.string().trim().min(1).max(200) });
export const unitIdParam = z.object({ unitId: z.uuid() });
