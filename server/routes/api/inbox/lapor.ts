import { type Request, Router } from "express";
import { recordLaporHandoff, updateLaporHandoff } from "@server/commands/laporHandoffs.js";
import { AppError } from "@server/errors.js";
import { inboxItemInclude, itemSubject } from "@server/inbox/itemRecord.js";
import { describeRoutes } from "@server/openapi/describe.js";
import { workingCalendarFor } from "@server/metrics/definitions.js";
import { authorize } from "@server/policies/index.js";
import { laporFields, presentLaporHandoff } from "@server/presenters/laporHandoff.js";
import { reportingSettings } from "@server/reporting/settings.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import type { Services } from "@server/services.js";
import { laporHandoffBody, laporUpdateBody } from "./schema.js";

/** An item's SP4N-LAPOR! hand-off: for those who may handle the item, as handling it is. */
export function inboxLaporRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function handledItemId(req: Request): Promise<string> {
    const { id } = parse(uuidParam, req.params, req);
    const item = await prisma.inboxItem.findUnique({ where: { id }, include: inboxItemInclude });
    if (!item) throw new AppError("not_found");
    authorize(req.actor!, "read", "InboxItem", itemSubject(item));
    authorize(req.actor!, "handle", "InboxItem", { unitPath: item.unit?.path ?? null });
    return id;
  }

  async function respond(id: string) {
    const item = await prisma.inboxItem.findUniqueOrThrow({
      where: { id },
      include: { ...inboxItemInclude, laporHandoff: true },
    });
    const place = item.placeUnitId
      ? await prisma.unit.findUnique({ where: { id: item.placeUnitId }, select: { name: true } })
      : null;
    const calendar = workingCalendarFor((await reportingSettings(prisma)).timeZone);
    return presentLaporHandoff(
      item.laporHandoff,
      laporFields(item, place?.name ?? null, calendar),
      new Date(),
      calendar,
    );
  }

  router.get("/:id/lapor", async (req, res) => {
    res.json(await respond(await handledItemId(req)));
  });

  router.post("/:id/lapor", async (req, res) => {
    const itemId = await handledItemId(req);
    const body = parse(laporHandoffBody, req.body, req);
    await recordLaporHandoff(services, { origin: originOf(req), itemId, ...body });
    res.status(201).json(await respond(itemId));
  });

  router.patch("/:id/lapor", async (req, res) => {
    const itemId = await handledItemId(req);
    const body = parse(laporUpdateBody, req.body, req);
    await updateLaporHandoff(services, { origin: originOf(req), itemId, ...body });
    res.json(await respond(itemId));
  });

  const handle = { action: "handle", model: "InboxItem" } as const;
  describeRoutes(router, {
    "GET /:id/lapor": {
      response: "LaporHandoff",
      summary: "The item's SP4N-LAPOR! hand-off: tracking number, status, deadlines and the text to copy into LAPOR!",
      permission: handle,
    },
    "POST /:id/lapor": {
      response: "LaporHandoff",
      summary: "Record that the item was forwarded to LAPOR! or received from it, with LAPOR!'s tracking number",
      permission: handle,
      body: laporHandoffBody,
      status: 201,
      errors: ["lapor_handoff_exists", "lapor_date_in_future"],
    },
    "PATCH /:id/lapor": {
      response: "LaporHandoff",
      summary: "Record LAPOR!'s status or follow-up class for the item",
      permission: handle,
      body: laporUpdateBody,
      errors: ["lapor_handoff_missing"],
    },
  });
  return router;
}
