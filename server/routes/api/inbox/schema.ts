import { z } from "zod";
import { INBOX_SORTS, INBOX_VIEWS } from "@server/inbox/listing.js";
import { periodEdge } from "@server/routes/api/dashboard/schema.js";
import { InboxSource, InboxStatus } from "@server/db/generated/enums.js";
import { CATEGORIES, KINDS, URGENCIES } from "@server/triage/taxonomy.js";
import { paginationQuery } from "@server/routes/pagination.js";
import { moment } from "@server/text/fields.js";
import {
  LAPOR_DIRECTIONS,
  LAPOR_FOLLOW_UP_CLASSES,
  LAPOR_STATUSES,
  LAPOR_TRACKING_NUMBER,
} from "@server/inbox/lapor.js";
import type { ReportingCalendar } from "@server/reports/period.js";

const listQueryIn = (calendar: ReportingCalendar) =>
  paginationQuery.extend({
    /** all: everything visible; mine: assigned to me; my_units: routed to my units; unassigned; overdue; urgent: open darurat/tinggi. */
    view: z.enum(INBOX_VIEWS).default("all"),
    source: z.enum(InboxSource).optional(),
    status: z.enum(InboxStatus).optional(),
    kind: z.enum(KINDS).optional(),
    category: z.enum(CATEGORIES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    unitId: z.uuid().optional(),
    /** This unit and every unit below it: a dashboard's unit row opens its items with this. */
    underUnitId: z.uuid().optional(),
    /** Placed in this area or below it, as the dashboard's place filter. */
    placeUnitId: z.uuid().optional(),
    channelId: z.uuid().optional(),
    /** Received from (a moment, or a day's start in the reporting zone) to (a day includes itself), as the dashboard reads them. */
    from: periodEdge(calendar, "start").optional(),
    to: periodEdge(calendar, "end").optional(),
    /**
     * Full-text search in Bahasa Indonesia (stemmed), over the text and the author's name; a
     * tracking number, e-mail address or phone number finds the web reports it names.
     */
    q: z.string().trim().min(2).max(200).optional(),
    sort: z.enum(INBOX_SORTS).default("newest"),
  });

const listQueriesByOffset = new Map<number, ReturnType<typeof listQueryIn>>();

/** The inbox list's query, with dates read in the reporting zone of `calendar`. */
export function listInboxQuery(calendar: ReportingCalendar): ReturnType<typeof listQueryIn> {
  let query = listQueriesByOffset.get(calendar.offsetMinutes);
  if (!query) listQueriesByOffset.set(calendar.offsetMinutes, (query = listQueryIn(calendar)));
  return query;
}

const text = z.string().trim().min(1).max(5000);
/** templateId: a WhatsApp template listed for the item's number, whose reply_text parameter takes `text`. */
export const replyBody = z.object({ text, templateId: z.uuid().optional() }).strict();
export const noteBody = z.object({ text }).strict();
export const assignBody = z
  .object({ assigneeId: z.uuid().nullable().optional(), unitId: z.uuid().optional() })
  .strict();
export const statusBody = z.object({ status: z.enum(["in_progress", "resolved", "reopened", "closed_spam"]) }).strict();
export const triageBody = z
  .object({
    kind: z.enum(KINDS).optional(),
    category: z.enum(CATEGORIES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    placeUnitId: z.uuid().nullable().optional(),
  })
  .strict();
export const mergeBody = z.object({ intoId: z.uuid() }).strict();
export const bulkBody = z
  .object({
    ids: z.array(z.uuid()).min(1).max(200),
    action: z.discriminatedUnion("type", [
      z.object({ type: z.literal("status"), status: statusBody.shape.status }),
      z.object({ type: z.literal("assign"), assigneeId: z.uuid().nullable().optional(), unitId: z.uuid().optional() }),
    ]),
  })
  .strict();
export type BulkAction = z.infer<typeof bulkBody>["action"];

// What the web app sends (request bodies, before defaults), typed from the schemas that check them.
export type ReplyBody = z.input<typeof replyBody>;
export type NoteBody = z.input<typeof noteBody>;
export type AssignBody = z.input<typeof assignBody>;
export type StatusBody = z.input<typeof statusBody>;
export type TriageBody = z.input<typeof triageBody>;
export type MergeBody = z.input<typeof mergeBody>;
export type BulkBody = z.input<typeof bulkBody>;

const laporTrackingNumber = z
  .string()
  .trim()
  .regex(LAPOR_TRACKING_NUMBER, "4–30 huruf atau angka / 4–30 letters or digits");
export const laporHandoffBody = z
  .object({
    direction: z.enum(LAPOR_DIRECTIONS),
    trackingNumber: laporTrackingNumber,
    followUpClass: z.enum(LAPOR_FOLLOW_UP_CLASSES).optional(),
    handedAt: moment.optional(),
  })
  .strict();
export const laporUpdateBody = z
  .object({
    status: z.enum(LAPOR_STATUSES).optional(),
    followUpClass: z.enum(LAPOR_FOLLOW_UP_CLASSES).optional(),
    trackingNumber: laporTrackingNumber.optional(),
    verifiedAt: moment.optional(),
  })
  .strict();
export type LaporHandoffBody = z.input<typeof laporHandoffBody>;
export type LaporUpdateBody = z.input<typeof laporUpdateBody>;
