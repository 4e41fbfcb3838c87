import express, { Router } from "express";
import { z } from "zod";
import { IMAGE_TYPES, MAX_UPLOAD_BYTES, VIDEO_TYPES } from "@server/channels/rules.js";
import { AppError } from "@server/errors.js";
import { storeUpload } from "@server/media/storage.js";
import { authorize } from "@server/policies/index.js";
import { presentMedia } from "@server/presenters/media.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { describeRoutes } from "@server/openapi/describe.js";

const uploadQuery = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  width: z.coerce.number().int().min(1).max(10_000).optional(),
  height: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** Uploads arrive as the raw file (Content-Type = the file's type), so no multipart parser is needed. */
export function mediaRoutes(services: Services): Router {
  const router = Router();
  router.post(
    "/",
    express.raw({ type: [...IMAGE_TYPES, ...VIDEO_TYPES], limit: MAX_UPLOAD_BYTES }),
    async (req, res) => {
      const query = parse(uploadQuery, req.query, req);
      const unit = await services.prisma.unit.findUnique({ where: { id: query.unitId } });
      if (!unit) throw new AppError("not_found", { field: "unitId" });
      authorize(req.actor!, "create", "MediaAsset", { unitPath: unit.path });
      if (!Buffer.isBuffer(req.body)) throw new AppError("unsupported_media_file", { field: "media" });
      const asset = await storeUpload(services, originOf(req), {
        unitId: unit.id,
        mimeType: req.get("content-type")!.split(";")[0]!.trim(),
        originalName: query.name,
        body: req.body,
        declaredWidth: query.width,
        declaredHeight: query.height,
      });
      res.status(201).json(presentMedia(services, asset));
    },
  );
  describeRoutes(router, {
    "POST /": {
      response: "Media",
      summary: "Upload an image or video for posts (the raw file as the body)",
      permission: { action: "create", model: "MediaAsset" },
      query: uploadQuery,
      upload: [...IMAGE_TYPES, ...VIDEO_TYPES],
      status: 201,
    },
  });

  return router;
}
