/**
 * What a channel spent on a platform this month: requests per endpoint (X's rate limits, the
 * request budget) and billed items (X's prices, the money budget). Counted with atomic upserts,
 * so several processes may count at once.
 */
import type { Channel, PrismaClient } from "@server/db/generated/client.js";
import type { PlatformCharge } from "./xBilling.js";

/** Counts are kept per calendar month in UTC, as X bills. */
export const monthOf = (date: Date) => date.toISOString().slice(0, 7);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const startOfNextMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));

export type EndpointRequests = { endpoint: string; count: number }[];

/** Adds requests made to a platform to the channel's monthly counts. */
export async function recordPlatformRequests(
  prisma: PrismaClient,
  channelId: string,
  requests: EndpointRequests,
  at = new Date(),
): Promise<void> {
  const month = monthOf(at);
  for (const { endpoint, count } of requests) {
    if (count <= 0) continue;
    await prisma.$executeRaw`
      INSERT INTO "PlatformRequestCount" ("channelId", "month", "endpoint", "requests") VALUES (${channelId}::uuid, ${month}, ${endpoint}, ${count})
      ON CONFLICT ("channelId", "month", "endpoint") DO UPDATE SET "requests" = "PlatformRequestCount"."requests" + ${count}`;
  }
}

/**
 * Adds billed items to the channel's monthly charges. A resource read is charged once per UTC
 * day: ids already in the day's ledger are not counted again.
 */
export async function recordPlatformCharges(
  prisma: PrismaClient,
  channelId: string,
  charges: PlatformCharge[] | undefined,
  at = new Date(),
): Promise<void> {
  const month = monthOf(at);
  for (const charge of charges ?? []) {
    const quantity = "count" in charge ? charge.count : await newlyRead(prisma, channelId, dayOf(at), charge);
    if (quantity <= 0) continue;
    await prisma.$executeRaw`
      INSERT INTO "PlatformCharge" ("channelId", "month", "item", "quantity") VALUES (${channelId}::uuid, ${month}, ${charge.item}, ${quantity})
      ON CONFLICT ("channelId", "month", "item") DO UPDATE SET "quantity" = "PlatformCharge"."quantity" + ${quantity}`;
  }
}

/** How many of these resources were not yet read today (and are now in the ledger). */
async function newlyRead(
  prisma: PrismaClient,
  channelId: string,
  day: string,
  charge: { item: string; resourceIds: string[] },
): Promise<number> {
  const ids = [...new Set(charge.resourceIds)];
  if (ids.length === 0) return 0;
  const inserted = await prisma.$queryRaw<{ n: number }[]>`
    WITH added AS (
      INSERT INTO "PlatformReadLedger" ("channelId", "day", "item", "resourceId")
      SELECT ${channelId}::uuid, ${day}, ${charge.item}, id FROM unnest(${ids}::text[]) AS id
      ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM added`;
  return inserted[0]?.n ?? 0;
}

/** The ledger only has to cover today (UTC); older days are dropped. */
export async function pruneReadLedger(prisma: PrismaClient, now = new Date()): Promise<void> {
  await prisma.platformReadLedger.deleteMany({ where: { day: { lt: dayOf(new Date(now.getTime() - 86_400_000)) } } });
}

/** Requests the channel may still make this month (polling and engagement share it); null without a budget. */
export async function requestBudgetLeft(
  prisma: PrismaClient,
  channel: Pick<Channel, "id" | "monthlyRequestBudget">,
  now: Date,
): Promise<number | null> {
  if (channel.monthlyRequestBudget === null) return null;
  const used = await prisma.platformRequestCount.aggregate({
    where: { channelId: channel.id, month: monthOf(now) },
    _sum: { requests: true },
  });
  return channel.monthlyRequestBudget - (used._sum.requests ?? 0);
}

/** The month's billed items with their current unit prices and amounts, in millionths of a US dollar. */
export async function monthCharges(prisma: PrismaClient, channelId: string, month: string) {
  const [charges, prices] = await Promise.all([
    prisma.platformCharge.findMany({ where: { channelId, month }, orderBy: { item: "asc" } }),
    prisma.platformPrice.findMany(),
  ]);
  const priceOf = new Map(prices.map((price) => [price.item, price.unitPriceMicros]));
  const items = charges.map((charge) => {
    const unitPriceMicros = priceOf.get(charge.item) ?? 0;
    return {
      item: charge.item,
      quantity: charge.quantity,
      unitPriceMicros,
      amountMicros: charge.quantity * unitPriceMicros,
    };
  });
  return { items, totalMicros: items.reduce((sum, item) => sum + item.amountMicros, 0) };
}

/** Share of the money budget at which admins are warned that it is running out. */
export const SPEND_WARNING_SHARE = 0.8;

export type SpendState = "ok" | "near_budget" | "budget_spent";

/** Where the month's estimated spend stands against the channel's money budget. */
export async function spendState(
  prisma: PrismaClient,
  channel: Pick<Channel, "id" | "monthlySpendBudgetCents">,
  now: Date,
): Promise<{ spentMicros: number; budgetMicros: number | null; state: SpendState }> {
  const { totalMicros } = await monthCharges(prisma, channel.id, monthOf(now));
  return spendStanding(totalMicros, channel.monthlySpendBudgetCents);
}

/** The month's spend against a budget in US cents (null: none). */
export function spendStanding(spentMicros: number, budgetCents: number | null) {
  const budgetMicros = budgetCents === null ? null : budgetCents * 10_000;
  const state: SpendState =
    budgetMicros === null
      ? "ok"
      : spentMicros >= budgetMicros
        ? "budget_spent"
        : spentMicros >= budgetMicros * SPEND_WARNING_SHARE
          ? "near_budget"
          : "ok";
  return { spentMicros, budgetMicros, state };
}
