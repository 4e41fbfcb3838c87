import { type Request, Router } from "express";
import { z } from "zod";
import { itemSubject } from "@server/inbox/itemRecord.js";
import { AppError } from "@server/errors.js";
import { citizenFilePath, type CitizenFile } from "@server/media/citizenFiles.js";
import { citizenPhotoPath } from "@server/media/storage.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { describeRoutes } from "@server/openapi/describe.js";

const fileParams = uuidParam.extend({ index: z.coerce.number().int().min(0).max(100) });

/**
 * What a citizen sent with a web report or on WhatsApp (photo, voice note, video, document):
 * personal data, so only for staff who may read the item.
 */
export function inboxPhotoRoutes(services: Services): Router {
  const router = Router();

  const readableItem = async (req: Request, id: string) => {
    const item = await services.prisma.inboxItem.findUnique({
      where: { id },
      select: {
        attachments: true,
        unit: { select: { path: true } },
        informedUnit: { select: { path: true } },
        photo: { select: { storageKey: true } },
      },
    });
    if (!item) throw new AppError("not_found");
    authorize(req.actor!, "read", "InboxItem", itemSubject(item));
    return item;
  };

  router.get("/:id/files/:index", async (req, res) => {
    const { id, index } = parse(fileParams, req.params, req);
    const item = await readableItem(req, id);
    const file = ((item.attachments ?? []) as { file?: CitizenFile }[])[index]?.file;
    if (!file) throw new AppError("not_found");
    res.type(file.mimeType).sendFile(citizenFilePath(services, file.storageKey));
  });

  router.get("/:id/photo", async (req, res) => {
    const { id } = parse(uuidParam, req.params, req);
    const item = await readableItem(req, id);
    if (!item.photo) throw new AppError("not_found");
    res.type("image/jpeg").sendFile(citizenPhotoPath(services, item.photo.storageKey));
  });

  describeRoutes(router, {
    "GET /:id/files/:index": {
      summary: "A file the citizen attached, by position",
      permission: { action: "read", model: "InboxItem" },
      produces: "application/octet-stream",
    },
    "GET /:id/photo": {
      summary: "The photo the citizen sent",
      permission: { action: "read", model: "InboxItem" },
      produces: "application/octet-stream",
    },
  });

  return router;
}
