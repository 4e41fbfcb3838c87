import { z } from "zod";
import { DipBody, DipClass, DipFilePurpose, DipFormat, DipStatus } from "@server/db/generated/enums.js";
import { EXEMPTION_LETTERS } from "@server/ppid/dip/codes.js";
import { calendarDay } from "@server/text/fields.js";
import { paginationQuery } from "@server/routes/pagination.js";

const line = (max: number) => z.string().trim().min(1).max(max);
const optionalLine = (max: number) => z.string().trim().max(max).nullable().optional();

const itemFields = {
  /** Only under a desa: its government, BPD or BUM Desa (Perki 1/2018). */
  body: z.enum(DipBody).nullable().optional(),
  class: z.enum(DipClass),
  title: line(300),
  summary: line(5000),
  responsibleOfficial: line(200),
  madeOn: calendarDay.nullable().optional(),
  year: z.number().int().min(2000).max(2099),
  period: optionalLine(100),
  formats: z.array(z.enum(DipFormat)).min(1).max(2),
  retention: line(100),
  /** Excepted entries (class dikecualikan): the letter of Pasal 17. */
  exemptionLetter: z.enum(EXEMPTION_LETTERS).nullable().optional(),
  consequenceTest: optionalLine(20_000),
  /** The first day the information is public again, in the unit's zone. */
  exemptionEndsOn: calendarDay.nullable().optional(),
};

export const createDipItemBody = z.object({ unitId: z.uuid(), ...itemFields }).strict();
export const updateDipItemBody = z
  .object(itemFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "nothing to change / tidak ada yang diubah");
export const withdrawDipItemBody = z.object({ reason: line(1000) }).strict();

const filters = {
  unitId: z.uuid().optional(),
  class: z.enum(DipClass).optional(),
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  status: z.enum(DipStatus).optional(),
  body: z.enum(DipBody).optional(),
  /** Full-text search (Bahasa Indonesia, word prefixes) over title, summary, period and official. */
  q: z.string().trim().min(1).max(200).optional(),
};
export const listDipItemsQuery = paginationQuery.extend(filters);
export const exportDipItemsQuery = z.object({ ...filters, format: z.enum(["csv", "json"]).default("csv") });

/** The file itself is the request body (its type as Content-Type); its name and purpose travel in the query. */
export const uploadDipVersionQuery = z.object({
  /** The file's own name, offered again on download; the document's name when absent. */
  fileName: line(200).optional(),
});
export const uploadDipFileQuery = uploadDipVersionQuery.extend({
  /** The document's name on the list ("Laporan Keuangan 2025"). */
  name: line(200),
  purpose: z.enum(DipFilePurpose).default("information"),
});
export const dipFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
export const dipFileVersionParams = dipFileParams.extend({ version: z.coerce.number().int().min(1).max(100_000) });

// What the web app sends, typed from the schemas that check it.
export type CreateDipItemBody = z.input<typeof createDipItemBody>;
export type UpdateDipItemBody = z.input<typeof updateDipItemBody>;
export type WithdrawDipItemBody = z.input<typeof withdrawDipItemBody>;
export type ListDipItemsQuery = z.input<typeof listDipItemsQuery>;
