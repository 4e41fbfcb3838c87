import { Router } from "express";
import { savePpidProfile } from "@server/commands/ppidProfiles.js";
import { AppError } from "@server/errors.js";
import { authorize, can } from "@server/policies/index.js";
import { presentPpidProfile } from "@server/presenters/ppidProfile.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { ppidProfileParams, savePpidProfileBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The public profiles of the PPID units (about, procedures, service standard, contact, hours). */
export function ppidProfileRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  // The PPID units whose profile the actor may read, the Utama first.
  router.get("/", async (req, res) => {
    const units = await prisma.unit.findMany({
      where: { ppidLevel: { not: null }, active: true },
      include: { ppidProfile: true },
      orderBy: [{ ppidLevel: "asc" }, { name: "asc" }],
    });
    const readable = units.filter((unit) => can(req.actor!, "read", "PpidProfile", { unitPath: unit.path }));
    res.json({ data: readable.map((unit) => presentPpidProfile(services, unit, unit.ppidProfile)) });
  });

  router.get("/:unitId", async (req, res) => {
    const { unitId } = parse(ppidProfileParams, req.params, req);
    const unit = await prisma.unit.findUnique({ where: { id: unitId }, include: { ppidProfile: true } });
    if (!unit?.ppidLevel) throw new AppError("not_found");
    authorize(req.actor!, "read", "PpidProfile", { unitPath: unit.path });
    res.json(presentPpidProfile(services, unit, unit.ppidProfile));
  });

  router.put("/:unitId", async (req, res) => {
    const { unitId } = parse(ppidProfileParams, req.params, req);
    const unit = await prisma.unit.findUnique({ where: { id: unitId } });
    if (!unit) throw new AppError("not_found");
    authorize(req.actor!, "update", "PpidProfile", { unitPath: unit.path });
    const profile = await savePpidProfile(services, {
      origin: originOf(req),
      unitId,
      profile: parse(savePpidProfileBody, req.body, req),
    });
    res.json(presentPpidProfile(services, unit, profile));
  });

  describeRoutes(router, {
    "GET /": {
      response: { list: "PpidProfile" },
      summary: "The PPID units whose profile the caller may read, the Utama first",
      permission: { action: "read", model: "PpidProfile" },
    },
    "GET /:unitId": {
      response: "PpidProfile",
      summary: "A PPID unit's public profile",
      permission: { action: "read", model: "PpidProfile" },
    },
    "PUT /:unitId": {
      response: "PpidProfile",
      summary: "Save a PPID unit's public profile",
      permission: { action: "update", model: "PpidProfile" },
      body: savePpidProfileBody,
    },
  });

  return router;
}
