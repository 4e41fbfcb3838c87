import express, { Router, type Request } from "express";
import { addDipFile, addDipFileVersion, removeDipFile } from "@server/commands/dipFiles.js";
import { AppError } from "@server/errors.js";
import type { Action } from "@server/policies/policy.js";
import { DIP_FILE_MAX_BYTES, DIP_FILE_MIME_TYPES, dipFileType, sendDipFile } from "@server/ppid/dip/files.js";
import type { DipItemWithRelations } from "@server/ppid/dip/listing.js";
import { presentDipItem } from "@server/presenters/dipItem.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { dipFileParams, dipFileVersionParams, uploadDipFileQuery, uploadDipVersionQuery } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

type LoadItem = (req: Request, action?: Action) => Promise<DipItemWithRelations>;

// Uploads arrive as the raw file (Content-Type = the file's type), like media uploads.
const rawFile = express.raw({ type: DIP_FILE_MIME_TYPES, limit: DIP_FILE_MAX_BYTES });

/** The body as an upload of its declared type, or a 415 when the type is not one the DIP takes. */
function uploadOf(req: Request, originalName: string) {
  const mimeType = dipFileType(req.get("content-type"));
  if (!Buffer.isBuffer(req.body)) throw new AppError("unsupported_dip_file", { field: "file" });
  return { mimeType, originalName, body: req.body };
}

/** The documents of an entry: a new document, a new version of one, taking one off, and downloads of any version. */
export function dipFileRoutes(services: Services, loadItem: LoadItem): Router {
  const router = Router();

  router.post("/:id/files", rawFile, async (req, res) => {
    const item = await loadItem(req, "update");
    const { name, purpose, fileName } = parse(uploadDipFileQuery, req.query, req);
    const updated = await addDipFile(services, {
      origin: originOf(req),
      itemId: item.id,
      name,
      purpose,
      upload: uploadOf(req, fileName ?? name),
    });
    res.status(201).json(presentDipItem(services, updated, req.actor!));
  });

  router.post("/:id/files/:fileId/versions", rawFile, async (req, res) => {
    const { fileId } = parse(dipFileParams, req.params, req);
    const { fileName } = parse(uploadDipVersionQuery, req.query, req);
    const item = await loadItem(req, "update");
    const file = item.files.find((candidate) => candidate.id === fileId);
    if (!file) throw new AppError("not_found", { field: "fileId" });
    const updated = await addDipFileVersion(services, {
      origin: originOf(req),
      itemId: item.id,
      fileId,
      upload: uploadOf(req, fileName ?? file.name),
    });
    res.status(201).json(presentDipItem(services, updated, req.actor!));
  });

  router.get("/:id/files/:fileId/versions/:version", async (req, res) => {
    const { fileId, version } = parse(dipFileVersionParams, req.params, req);
    const item = await loadItem(req);
    const stored = item.files.find((file) => file.id === fileId)?.versions.find((v) => v.version === version);
    if (!stored || !(await sendDipFile(services, req, res, stored))) throw new AppError("not_found");
  });

  router.delete("/:id/files/:fileId", async (req, res) => {
    const { fileId } = parse(dipFileParams, req.params, req);
    const item = await loadItem(req, "update");
    const updated = await removeDipFile(services, { origin: originOf(req), itemId: item.id, fileId });
    res.json(presentDipItem(services, updated, req.actor!));
  });

  describeRoutes(router, {
    "POST /:id/files": {
      response: "DipItem",
      summary: "Attach a document to a DIP entry (raw body)",
      permission: { action: "update", model: "DipItem" },
      upload: DIP_FILE_MIME_TYPES,
      query: uploadDipFileQuery,
      status: 201,
    },
    "POST /:id/files/:fileId/versions": {
      response: "DipItem",
      summary: "Upload a new version of a DIP document (raw body)",
      permission: { action: "update", model: "DipItem" },
      upload: DIP_FILE_MIME_TYPES,
      query: uploadDipVersionQuery,
      status: 201,
    },
    "GET /:id/files/:fileId/versions/:version": {
      summary: "Download one version of a DIP document",
      permission: { action: "read", model: "DipItem" },
      produces: "application/octet-stream",
    },
    "DELETE /:id/files/:fileId": {
      response: "DipItem",
      summary: "Remove a document from a DIP entry",
      permission: { action: "update", model: "DipItem" },
    },
  });

  return router;
}
