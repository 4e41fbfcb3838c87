import { Router } from "express";
import { itemSubject } from "@server/inbox/itemRecord.js";
import { AppError } from "@server/errors.js";
import { citizenPhotoPath } from "@server/media/storage.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { parse, uuidParam } from "@server/routes/validate.js";

/** The photo a citizen sent with a web report: personal data, so only for staff who may read the item. */
export function inboxPhotoRoutes(services: Services): Router {
  const router = Router();

  router.get("/:id/photo", async (req, res) => {
    const { id } = parse(uuidParam, req.params, req);
    const item = await services.prisma.inboxItem.findUnique({
      where: { id },
      select: {
        unit: { select: { path: true } },
        informedUnit: { select: { path: true } },
        photo: { select: { storageKey: true } },
      },
    });
    if (!item) throw new AppError("not_found");
    authorize(req.actor!, "read", "InboxItem", itemSubject(item));
    if (!item.photo) throw new AppError("not_found");
    res.type("image/jpeg").sendFile(citizenPhotoPath(services, item.photo.storageKey));
  });

  return router;
}
