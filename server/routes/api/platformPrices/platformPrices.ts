import { Router } from "express";
import { updatePlatformPrice } from "@server/commands/platformPrices.js";
import { authorize } from "@server/policies/index.js";
import { presentPlatformPrice } from "@server/presenters/platformPrice.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { priceItemParam, updatePlatformPriceBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** X's prices per billed item, which Siar's spend estimates use; admins change them when X does. */
export function platformPriceRoutes(services: Services): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "PlatformPrice");
    const prices = await services.prisma.platformPrice.findMany({ orderBy: { item: "asc" } });
    res.json({ data: prices.map(presentPlatformPrice) });
  });

  router.patch("/:item", async (req, res) => {
    authorize(req.actor!, "update", "PlatformPrice");
    const { item } = parse(priceItemParam, req.params, req);
    const { unitPrice } = parse(updatePlatformPriceBody, req.body, req);
    const updated = await updatePlatformPrice(services, {
      origin: originOf(req),
      item,
      unitPriceMicros: Math.round(unitPrice * 1_000_000),
    });
    res.json(presentPlatformPrice(updated));
  });

  describeRoutes(router, {
    "GET /": {
      response: { list: "PlatformPrice" },
      summary: "What each platform charges per billed item",
      permission: { action: "list", model: "PlatformPrice" },
    },
    "PATCH /:item": {
      response: "PlatformPrice",
      summary: "Change a platform price",
      permission: { action: "update", model: "PlatformPrice" },
      body: updatePlatformPriceBody,
    },
  });

  return router;
}
