import express, { Router, type Request } from "express";
import { attachPpidFile, sharePpidFile } from "@server/commands/ppidFiles.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import { caseSubject, loadCase } from "@server/ppid/cases.js";
import { PPID_FILE_MAX_BYTES, sendPpidFile } from "@server/ppid/files.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { presentCase } from "./present.js";
import { fileParams, shareBody, uploadQuery } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/**
 * The files a case's information is delivered in. Uploads arrive as the raw file with its name in
 * the query, like media uploads; a redacted copy names its original and what was blacked out.
 */
export function ppidFileRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function handled(req: Request, id: string) {
    const request = await loadCase(prisma, id);
    authorize(req.actor!, "read", "PpidRequest", caseSubject(request));
    authorize(req.actor!, "handle", "PpidRequest", caseSubject(request));
    return request;
  }

  router.post("/:id/files", express.raw({ type: () => true, limit: PPID_FILE_MAX_BYTES }), async (req, res) => {
    const { id } = parse(uuidParam, req.params, req);
    const query = parse(uploadQuery, req.query, req);
    const request = await handled(req, id);
    if (!Buffer.isBuffer(req.body)) throw new AppError("ppid_file_unsupported", { field: "file" });
    const attached = await attachPpidFile(services, {
      origin: originOf(req),
      requestId: request.id,
      name: query.name,
      body: req.body,
      shared: query.shared,
      redactedFromId: query.redactedFromId,
      redactionNote: query.redactionNote,
    });
    res.status(201).json(await presentCase(services, req, attached));
  });

  router.patch("/:id/files/:fileId", async (req, res) => {
    const { id, fileId } = parse(fileParams, req.params, req);
    const request = await handled(req, id);
    const { shared } = parse(shareBody, req.body, req);
    res.json(
      await presentCase(
        services,
        req,
        await sharePpidFile(services, { origin: originOf(req), requestId: request.id, fileId, shared }),
      ),
    );
  });

  // Staff who may read the case read its files, originals included.
  router.get("/:id/files/:fileId", async (req, res) => {
    const { id, fileId } = parse(fileParams, req.params, req);
    const request = await loadCase(prisma, id);
    authorize(req.actor!, "read", "PpidRequest", caseSubject(request));
    const file = request.files.find((candidate) => candidate.id === fileId);
    if (!file) throw new AppError("not_found");
    if (!(await sendPpidFile(services, req, res, file))) throw new AppError("not_found");
  });

  describeRoutes(router, {
    "POST /:id/files": {
      response: "PpidRequest",
      summary: "Attach a file to a request's delivery (the raw file as the body)",
      permission: { action: "handle", model: "PpidRequest" },
      query: uploadQuery,
      upload: ["application/octet-stream"],
      status: 201,
    },
    "PATCH /:id/files/:fileId": {
      response: "PpidRequest",
      summary: "Share a delivered file with the applicant, or stop sharing it",
      permission: { action: "handle", model: "PpidRequest" },
      body: shareBody,
    },
    "GET /:id/files/:fileId": {
      summary: "Download a file of the case (originals included)",
      permission: { action: "read", model: "PpidRequest" },
      produces: "application/octet-stream",
    },
  });

  return router;
}
