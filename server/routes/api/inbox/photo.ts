import { type Request, Router } from "express";
import { z } from "zod";
import { itemSubject } from "@server/inbox/itemRecord.js";
import { AppError } from "@server/errors.js";
import { citizenFileKey, type CitizenFile } from "@server/media/citizenFiles.js";
import { citizenPhotoKey } from "@server/media/storage.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { fileStore } from "@server/storage/fileStore.js";
import { type SendOptions, sendStored } from "@server/storage/serve.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { describeRoutes } from "@server/openapi/describe.js";

const fileParams = uuidParam.extend({ index: z.coerce.number().int().min(0).max(100) });

/**
 * What a citizen sent with a web report or on WhatsApp (photo, voice note, video, document):
 * personal data, so only for staff who may read the item.
 */
export function inboxPhotoRoutes(services: Services): Router {
  const router = Router();
  const store = fileStore(services.config);
  // Personal data: kept by no shared cache, and asked for again once staff lose the right to read it.
  const privately = (contentType: string): SendOptions => ({ contentType, cacheControl: "private, no-cache" });

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
    if (!(await sendStored(req, res, store, citizenFileKey(file.storageKey), privately(file.mimeType))))
      throw new AppError("not_found");
  });

  router.get("/:id/photo", async (req, res) => {
    const { id } = parse(uuidParam, req.params, req);
    const item = await readableItem(req, id);
    if (!item.photo) throw new AppError("not_found");
    if (!(await sendStored(req, res, store, citizenPhotoKey(item.photo.storageKey), privately("image/jpeg"))))
      throw new AppError("not_found");
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
