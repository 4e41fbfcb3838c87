import { z } from "zod";
import { INBOX_VIEWS } from "@server/inbox/listing.js";
import { InboxSource, InboxStatus } from "@server/db/generated/enums.js";
import { CATEGORIES, KINDS, URGENCIES } from "@server/triage/taxonomy.js";
import { paginationQuery } from "@server/routes/pagination.js";

export const listInboxQuery = paginationQuery.extend({
  /** all: everything visible; mine: assigned to me; my_units: routed to my units; unassigned; overdue; urgent: open darurat/tinggi. */
  view: z.enum(INBOX_VIEWS).default("all"),
  source: z.enum(InboxSource).optional(),
  status: z.enum(InboxStatus).optional(),
  kind: z.enum(KINDS).optional(),
  category: z.enum(CATEGORIES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  unitId: z.uuid().optional(),
  channelId: z.uuid().optional(),
  /** Full-text search in Bahasa Indonesia (stemmed), over the text and the author's name. */
  q: z.string().trim().min(2).max(200).optional(),
});

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
