import { Router } from "express";
import { itemSubject } from "../../../inbox/itemRecord.js";
import { AppError } from "../../../errors.js";
import { citizenPhotoPath } from "../../../media/storage.js";
import { authorize } from "../../../policies/index.js";
import type { Services } from "../../../services.js";
import { parse, uuidParam } from "../../validate.js";

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
