import { isBilledKind } from "@server/channels/whatsappBilling.js";
import { Router } from "express";
import { connectChannel, updateChannel } from "@server/commands/channels.js";
import { spendState } from "@server/channels/platformUsage.js";
import type { Channel } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { authorize, seesAllUnits } from "@server/policies/index.js";
import { presentChannel } from "@server/presenters/channel.js";
import type { Locale } from "@server/i18n/locale.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { connectChannelBody, updateChannelBody } from "./schema.js";
import { channelUsageRoutes } from "./usage.js";
import { whatsappTemplateRoutes } from "./whatsappTemplates.js";
import { channelWebhookRoutes } from "./webhooks.js";
import { describeRoutes } from "@server/openapi/describe.js";

export function channelRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;
  const withUnit = { unit: { select: { id: true, name: true } } } as const;
  const presentation = (locale: Locale) => ({ publicBaseUrl: services.config.publicBaseUrl, locale });
  /** X channels carry the month's spend against their money budget. */
  const withSpend = async (channel: Channel, locale: Locale) => ({
    ...presentation(locale),
    ...(isBilledKind(channel.kind) ? { spend: await spendState(prisma, channel, new Date()) } : {}),
  });

  // The channels one may publish to: those of one's units and of the units above them.
  router.get("/", async (req, res) => {
    const actor = req.actor!;
    authorize(actor, "list", "Channel");
    const reachable = actor.units.flatMap((unit) => unit.path.split("/").filter(Boolean));
    const channels = await prisma.channel.findMany({
      where: seesAllUnits(actor) ? {} : { unitId: { in: reachable } },
      include: withUnit,
      orderBy: [{ kind: "asc" }, { name: "asc" }],
    });
    const presented = [];
    for (const channel of channels) presented.push(presentChannel(channel, await withSpend(channel, req.locale)));
    res.json({ data: presented });
  });

  router.post("/", async (req, res) => {
    authorize(req.actor!, "create", "Channel");
    const body = parse(connectChannelBody, req.body, req);
    if (!(await prisma.unit.findUnique({ where: { id: body.unitId } })))
      throw new AppError("not_found", { field: "unitId" });
    const channel = await connectChannel(services, { origin: originOf(req), channel: body });
    res
      .status(201)
      .json(
        presentChannel(
          await prisma.channel.findUniqueOrThrow({ where: { id: channel.id }, include: withUnit }),
          presentation(req.locale),
        ),
      );
  });

  router.patch("/:id", async (req, res) => {
    authorize(req.actor!, "update", "Channel");
    const { id } = parse(uuidParam, req.params, req);
    const { monthlySpendBudget, ...changes } = parse(updateChannelBody, req.body, req);
    const channel = await updateChannel(services, {
      origin: originOf(req),
      channelId: id,
      changes: {
        ...changes,
        ...(monthlySpendBudget !== undefined
          ? { monthlySpendBudgetCents: monthlySpendBudget === null ? null : Math.round(monthlySpendBudget * 100) }
          : {}),
      },
    });
    const updated = await prisma.channel.findUniqueOrThrow({ where: { id: channel.id }, include: withUnit });
    res.json(presentChannel(updated, await withSpend(updated, req.locale)));
  });

  router.use(channelUsageRoutes(services));
  router.use(whatsappTemplateRoutes(services));
  router.use(channelWebhookRoutes(services));

  describeRoutes(router, {
    "GET /": {
      response: { list: "Channel" },
      summary: "The channels one may publish to: those of one's units and of the units above them",
      permission: { action: "list", model: "Channel" },
    },
    "POST /": {
      response: "Channel",
      summary: "Connect a channel with a token",
      permission: { action: "create", model: "Channel" },
      body: connectChannelBody,
    },
    "PATCH /:id": {
      response: "Channel",
      summary: "Update or reconnect a channel",
      permission: { action: "update", model: "Channel" },
      body: updateChannelBody,
    },
  });

  return router;
}
