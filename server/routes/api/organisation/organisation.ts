import express, { Router } from "express";
import { removeLetterheadLogo, setLetterheadLogo, updateLetterheadText } from "@server/commands/letterhead.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import { presentLetterhead } from "@server/presenters/letterhead.js";
import { LOGO_MAX_BYTES, LOGO_TYPES, letterheadSettings } from "@server/reports/letterhead.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { letterheadBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The organisation's settings: its letterhead (address, contact, logo) on every PDF it hands on. */
export function organisationRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  router.get("/letterhead", async (req, res) => {
    authorize(req.actor!, "read", "Letterhead");
    res.json(presentLetterhead(await letterheadSettings(prisma)));
  });

  router.patch("/letterhead", async (req, res) => {
    authorize(req.actor!, "update", "Letterhead");
    const { address, contact } = parse(letterheadBody, req.body, req);
    res.json(presentLetterhead(await updateLetterheadText(services, { origin: originOf(req), address, contact })));
  });

  // The logo as the request body (Content-Type image/png or image/jpeg); a bigger body is refused whole.
  router.post("/letterhead/logo", express.raw({ type: () => true, limit: LOGO_MAX_BYTES }), async (req, res) => {
    authorize(req.actor!, "update", "Letterhead");
    const mimeType = req.get("content-type")?.split(";")[0]?.trim() ?? "";
    if (!Buffer.isBuffer(req.body) || !(mimeType in LOGO_TYPES))
      throw new AppError("unsupported_logo_file", { field: "file" });
    res.json(presentLetterhead(await setLetterheadLogo(services, { origin: originOf(req), mimeType, body: req.body })));
  });

  router.delete("/letterhead/logo", async (req, res) => {
    authorize(req.actor!, "update", "Letterhead");
    res.json(presentLetterhead(await removeLetterheadLogo(services, { origin: originOf(req) })));
  });

  describeRoutes(router, {
    "GET /letterhead": {
      response: "Letterhead",
      summary: "The letterhead on the office's PDFs",
      permission: { action: "read", model: "Letterhead" },
    },
    "PATCH /letterhead": {
      response: "Letterhead",
      summary: "Change the letterhead's text",
      permission: { action: "update", model: "Letterhead" },
      body: letterheadBody,
    },
    "POST /letterhead/logo": {
      response: "Letterhead",
      summary: "Upload the letterhead logo (the raw PNG or JPEG as the body)",
      permission: { action: "update", model: "Letterhead" },
      upload: Object.keys(LOGO_TYPES),
    },
    "DELETE /letterhead/logo": {
      response: "Letterhead",
      summary: "Remove the letterhead logo",
      permission: { action: "update", model: "Letterhead" },
    },
  });

  return router;
}
