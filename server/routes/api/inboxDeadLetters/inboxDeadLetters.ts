import { Router } from "express";
import { dismissDeadLetter, retryDeadLetter } from "@server/commands/inboxDeadLetters.js";
import type { Prisma } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import { presentInboxDeadLetter } from "@server/presenters/inboxDeadLetter.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { listInboxDeadLettersQuery } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** What the inbox could not file (a refused message, a webhook receipt given up): admins list, retry and dismiss. */
export function inboxDeadLetterRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function presentOne(id: string) {
    const letter = await prisma.inboxDeadLetter.findUniqueOrThrow({ where: { id } });
    const channel = letter.channelId
      ? await prisma.channel.findUnique({
          where: { id: letter.channelId },
          select: { id: true, name: true, kind: true },
        })
      : null;
    return presentInboxDeadLetter({ ...letter, channel });
  }

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "InboxDeadLetter");
    const query = parse(listInboxDeadLettersQuery, req.query, req);
    // Newest first; the cursor is the last entry's creation time and id.
    const after = decodeCursor(query.cursor, cursorKeys.timeAndId);
    const filters: Prisma.InboxDeadLetterWhereInput[] = [];
    if (query.state === "open") filters.push({ resolution: null });
    if (query.state === "resolved") filters.push({ resolution: { not: null } });
    if (after) filters.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
    const rows = await prisma.inboxDeadLetter.findMany({
      where: { AND: filters },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const result = page(rows, query.limit, (letter) => `${letter.createdAt.toISOString()}|${letter.id}`);
    const channelIds = [...new Set(result.data.flatMap((letter) => (letter.channelId ? [letter.channelId] : [])))];
    const channels = new Map(
      (
        await prisma.channel.findMany({
          where: { id: { in: channelIds } },
          select: { id: true, name: true, kind: true },
        })
      ).map((channel) => [channel.id, channel]),
    );
    res.json({
      data: result.data.map((letter) =>
        presentInboxDeadLetter({
          ...letter,
          channel: letter.channelId ? (channels.get(letter.channelId) ?? null) : null,
        }),
      ),
      nextCursor: result.nextCursor,
    });
  });

  router.post("/:id/retry", async (req, res) => {
    authorize(req.actor!, "update", "InboxDeadLetter");
    const { id } = parse(uuidParam, req.params, req);
    const outcome = await retryDeadLetter(services, { origin: originOf(req), deadLetterId: id });
    if (!outcome.filed)
      throw new AppError("dead_letter_retry_failed", { reason: outcome.reason, deadLetter: await presentOne(id) });
    res.json(await presentOne(id));
  });

  router.post("/:id/dismiss", async (req, res) => {
    authorize(req.actor!, "update", "InboxDeadLetter");
    const { id } = parse(uuidParam, req.params, req);
    await dismissDeadLetter(services, { origin: originOf(req), deadLetterId: id });
    res.json(await presentOne(id));
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "InboxDeadLetter" },
      summary: "What the inbox could not file",
      permission: { action: "list", model: "InboxDeadLetter" },
      query: listInboxDeadLettersQuery,
    },
    "POST /:id/retry": {
      response: "InboxDeadLetter",
      summary: "Retry filing a dead letter",
      permission: { action: "update", model: "InboxDeadLetter" },
    },
    "POST /:id/dismiss": {
      response: "InboxDeadLetter",
      summary: "Dismiss a dead letter",
      permission: { action: "update", model: "InboxDeadLetter" },
    },
  });

  return router;
}
