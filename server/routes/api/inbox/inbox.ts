import { reportingCalendar } from "@server/reporting/settings.js";
import { Router, type Request } from "express";
import {
  addNote,
  assignItem,
  changeItemStatus,
  correctTriage,
  mergeItem,
  replyToItem,
} from "@server/commands/inbox.js";
import { inboxItemInclude, itemSubject } from "@server/inbox/itemRecord.js";
import type { Prisma } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { listInboxItems, listPinnedEmergencies, visibleUnitIds } from "@server/inbox/listing.js";
import { owedDeadline } from "@server/inbox/lifecycle.js";
import type { Actor } from "@server/auth/actor.js";
import { authorize, can } from "@server/policies/index.js";
import { presentInboxEvent, presentInboxItem } from "@server/presenters/inboxItem.js";
import { whatsappDeliveries } from "@server/inbox/whatsappStatuses.js";
import { whatsappReplyOptions } from "@server/inbox/whatsappWindow.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { timelineNames } from "@server/inbox/timelineNames.js";
import {
  assignBody,
  bulkBody,
  listInboxQuery,
  mergeBody,
  noteBody,
  replyBody,
  statusBody,
  triageBody,
  type BulkAction,
} from "./schema.js";
import type { BulkResult, InboxItemDetail } from "@server/openapi/views.js";
import { DESCRIBED_CALENDAR, describeRoutes } from "@server/openapi/describe.js";

export function inboxRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  const visibleWhere = (unitIds: string[] | null): Prisma.InboxItemWhereInput =>
    unitIds ? { OR: [{ unitId: { in: unitIds } }, { informedUnitId: { in: unitIds } }] } : {};

  async function placeNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const units = await prisma.unit.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
    return new Map(units.map((unit) => [unit.id, unit.name]));
  }

  async function readableItem(actor: Actor, id: string) {
    const item = await prisma.inboxItem.findUnique({ where: { id }, include: inboxItemInclude });
    if (!item) throw new AppError("not_found");
    authorize(actor, "read", "InboxItem", itemSubject(item));
    return item;
  }

  async function handledItem(actor: Actor, id: string) {
    const item = await readableItem(actor, id);
    authorize(actor, "handle", "InboxItem", { unitPath: item.unit?.path ?? null });
    return item;
  }

  const loadItem = (req: Request) => readableItem(req.actor!, parse(uuidParam, req.params, req).id);
  const handled = (req: Request) => handledItem(req.actor!, parse(uuidParam, req.params, req).id);

  /** One action on an item the caller may handle; whether the target unit or person is allowed is the command's to check. */
  function actOnItem(req: Request, id: string, action: BulkAction) {
    const command = { origin: originOf(req), itemId: id };
    if (action.type === "status") return changeItemStatus(services, { ...command, status: action.status });
    return assignItem(services, { ...command, assigneeId: action.assigneeId, unitId: action.unitId });
  }

  async function respond(req: Request, item: Awaited<ReturnType<typeof loadItem>>) {
    return presentInboxItem(item, req.actor!, await placeNames([item.placeUnitId]));
  }

  router.get("/", async (req, res) => {
    const actor = req.actor!;
    authorize(actor, "list", "InboxItem");
    const { cursor, ...listing } = parse(listInboxQuery(await reportingCalendar(prisma)), req.query, req);
    const byDeadline = listing.sort === "deadline";
    const after = decodeCursor(cursor, byDeadline ? cursorKeys.deadlineAndId : cursorKeys.timeAndId);
    const rows = await listInboxItems(prisma, actor, { ...listing, after });
    const result = page(rows, listing.limit, (item) =>
      byDeadline
        ? `${owedDeadline(item)?.at.toISOString() ?? "infinity"}|${item.id}`
        : `${item.receivedAt.toISOString()}|${item.id}`,
    );
    // Open emergencies lead the first page, whatever their age (presented with pinned: true).
    const pinned = cursor ? [] : await listPinnedEmergencies(prisma, actor, listing);
    const items = [...pinned, ...result.data];
    const names = await placeNames(items.map((item) => item.placeUnitId));
    res.json({ data: items.map((item) => presentInboxItem(item, actor, names)), nextCursor: result.nextCursor });
  });

  /** The item with what staff need around it: the conversation, the author's earlier messages, the post it answers, the timeline. */
  router.get("/:id", async (req, res) => {
    const item = await loadItem(req);
    const actor = req.actor!;
    const visible = visibleWhere(await visibleUnitIds(prisma, actor));
    const [conversation, earlier, events, post, ppidRequest] = await Promise.all([
      // One conversation may span units (a citizen's comments routed apart): only the caller's units' items are shown.
      prisma.inboxItem.findMany({
        where: { AND: [visible, { conversationId: item.conversationId, id: { not: item.id } }] },
        include: inboxItemInclude,
        orderBy: { sentAt: "asc" },
        take: 100,
      }),
      item.authorPlatformId
        ? prisma.inboxItem.findMany({
            where: {
              AND: [
                visible,
                {
                  source: item.source,
                  authorPlatformId: item.authorPlatformId,
                  conversationId: { not: item.conversationId },
                },
              ],
            },
            include: inboxItemInclude,
            orderBy: { sentAt: "desc" },
            take: 20,
          })
        : Promise.resolve([]),
      prisma.inboxEvent.findMany({ where: { itemId: item.id }, orderBy: { id: "asc" } }),
      item.postId
        ? prisma.post.findUnique({
            where: { id: item.postId },
            select: {
              id: true,
              title: true,
              slug: true,
              body: true,
              status: true,
              authorId: true,
              unit: { select: { path: true } },
            },
          })
        : Promise.resolve(null),
      prisma.ppidRequest.findUnique({
        where: { inboxItemId: item.id },
        select: {
          id: true,
          registrationNumber: true,
          status: true,
          unit: { select: { path: true, ppidSuperiorId: true } },
        },
      }),
    ]);
    const deliveries = await whatsappDeliveries(
      prisma,
      events.flatMap((event) => (event.type === "reply" && event.remoteId ? [event.remoteId] : [])),
    );
    const names = await placeNames([
      item.placeUnitId,
      ...conversation.map((i) => i.placeUnitId),
      ...earlier.map((i) => i.placeUnitId),
    ]);
    const timelineNamed = await timelineNames(prisma, events);
    res.json({
      item: presentInboxItem(item, actor, names, { fullPhone: true }),
      conversation: conversation.map((other) => presentInboxItem(other, actor, names)),
      earlierFromAuthor: earlier.map((other) => presentInboxItem(other, actor, names)),
      post:
        post &&
        can(actor, "readLinked", "Post", { unitPath: post.unit.path, authorId: post.authorId, status: post.status })
          ? { id: post.id, title: post.title, slug: post.slug, body: post.body }
          : null,
      timeline: events.map((event) => presentInboxEvent(event, timelineNamed, deliveries)),
      /** WhatsApp items, for those who may answer: whether free text is possible and why, the templates. */
      whatsapp:
        item.source === "whatsapp_message" && can(actor, "handle", "InboxItem", { unitPath: item.unit?.path ?? null })
          ? await whatsappReplyOptions(prisma, item)
          : null,
      // The information request made from this item: its (public) number for all, the link for those who may open it.
      ppidRequest: ppidRequest && {
        id: ppidRequest.id,
        registrationNumber: ppidRequest.registrationNumber,
        status: ppidRequest.status,
        readable: can(actor, "read", "PpidRequest", {
          unitPath: ppidRequest.unit.path,
          superiorId: ppidRequest.unit.ppidSuperiorId,
        }),
      },
    } satisfies InboxItemDetail);
  });

  router.post("/:id/reply", async (req, res) => {
    const item = await handled(req);
    const { text, templateId } = parse(replyBody, req.body, req);
    res.json(
      await respond(req, await replyToItem(services, { origin: originOf(req), itemId: item.id, text, templateId })),
    );
  });

  router.post("/:id/notes", async (req, res) => {
    const item = await handled(req);
    const { text } = parse(noteBody, req.body, req);
    res.json(await respond(req, await addNote(services, { origin: originOf(req), itemId: item.id, text })));
  });

  // The actions that also exist in bulk: the single route and the bulk route run the same code.
  router.post("/:id/assign", async (req, res) => {
    const item = await handled(req);
    res.json(
      await respond(req, await actOnItem(req, item.id, { type: "assign", ...parse(assignBody, req.body, req) })),
    );
  });

  router.post("/:id/status", async (req, res) => {
    const item = await handled(req);
    res.json(
      await respond(req, await actOnItem(req, item.id, { type: "status", ...parse(statusBody, req.body, req) })),
    );
  });

  router.patch("/:id/triage", async (req, res) => {
    const item = await handled(req);
    res.json(
      await respond(
        req,
        await correctTriage(services, {
          origin: originOf(req),
          itemId: item.id,
          correction: parse(triageBody, req.body, req),
        }),
      ),
    );
  });

  router.post("/:id/merge", async (req, res) => {
    const item = await handled(req);
    const { intoId } = parse(mergeBody, req.body, req);
    res.json(await respond(req, await mergeItem(services, { origin: originOf(req), itemId: item.id, intoId })));
  });

  /** The same action on many items; each is authorised and reported on its own. */
  router.post("/bulk", async (req, res) => {
    const { ids, action } = parse(bulkBody, req.body, req);
    const results = [];
    for (const id of ids) {
      try {
        await actOnItem(req, (await handledItem(req.actor!, id)).id, action);
        results.push({ id, ok: true as const });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ id, ok: false as const, error: { code: error.code, message: error.messageIn(req.locale) } });
      }
    }
    res.json({ results } satisfies BulkResult);
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "InboxItem" },
      summary: "List inbox items (open emergencies first on the first page)",
      permission: { action: "list", model: "InboxItem" },
      query: listInboxQuery(DESCRIBED_CALENDAR),
    },
    "GET /:id": {
      response: "InboxItemDetail",
      summary:
        "One inbox item with its conversation, the author's earlier messages, the post it answers and its timeline",
      permission: { action: "read", model: "InboxItem" },
    },
    "POST /:id/reply": {
      response: "InboxItem",
      summary: "Reply to the citizen on the item's platform",
      permission: { action: "handle", model: "InboxItem" },
      body: replyBody,
    },
    "POST /:id/notes": {
      response: "InboxItem",
      summary: "Add an internal note",
      permission: { action: "handle", model: "InboxItem" },
      body: noteBody,
    },
    "POST /:id/assign": {
      response: "InboxItem",
      summary: "Assign the item to a person or unit",
      permission: { action: "handle", model: "InboxItem" },
      body: assignBody,
    },
    "POST /:id/status": {
      response: "InboxItem",
      summary: "Change the item's status",
      permission: { action: "handle", model: "InboxItem" },
      body: statusBody,
    },
    "PATCH /:id/triage": {
      response: "InboxItem",
      summary: "Correct the item's triage (category, urgency, place)",
      permission: { action: "handle", model: "InboxItem" },
      body: triageBody,
    },
    "POST /:id/merge": {
      response: "InboxItem",
      summary: "Merge the item into another",
      permission: { action: "handle", model: "InboxItem" },
      body: mergeBody,
    },
    "POST /bulk": {
      response: "BulkResult",
      summary: "The same action on many items; each is authorised and reported on its own",
      permission: { action: "handle", model: "InboxItem" },
      body: bulkBody,
    },
  });

  return router;
}
