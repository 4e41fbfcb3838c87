import { Router } from "express";
import { monthCharges, monthOf, spendStanding } from "@server/channels/platformUsage.js";
import { isBilledKind } from "@server/channels/whatsappBilling.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import { presentChannelUsage } from "@server/presenters/channelUsage.js";
import type { Services } from "@server/services.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** What polling, replies and publishing spent on a channel this month, against its budgets, and how its polls stand: for admins. */
export function channelUsageRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  router.get("/:id/usage", async (req, res) => {
    authorize(req.actor!, "update", "Channel");
    const { id } = parse(uuidParam, req.params, req);
    const channel = await prisma.channel.findUnique({
      where: { id },
      select: { kind: true, monthlyRequestBudget: true, monthlySpendBudgetCents: true },
    });
    if (!channel) throw new AppError("not_found");
    const month = monthOf(new Date());
    const [counts, polls, charges] = await Promise.all([
      prisma.platformRequestCount.findMany({ where: { channelId: id, month }, orderBy: { endpoint: "asc" } }),
      prisma.channelPoll.findMany({ where: { channelId: id }, orderBy: { stream: "asc" } }),
      isBilledKind(channel.kind) ? monthCharges(prisma, id, month) : null,
    ]);
    const spend = charges && {
      items: charges.items,
      ...spendStanding(charges.totalMicros, channel.monthlySpendBudgetCents),
    };
    res.json(presentChannelUsage({ month, budget: channel.monthlyRequestBudget, counts, polls, spend }));
  });

  describeRoutes(router, {
    "GET /:id/usage": {
      response: "ChannelUsage",
      summary: "A channel's platform usage and cost",
      permission: { action: "update", model: "Channel" },
    },
  });

  return router;
}
