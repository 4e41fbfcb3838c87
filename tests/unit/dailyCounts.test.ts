import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@server/db/client.js";
import { dailyCells, foldDailyCounts } from "@server/metrics/dailyCounts.js";
import { responseFigures } from "@server/metrics/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The dashboard's daily counts (migration 20261121152642_dashboard_daily_counts) must always equal
// counting the items afresh, whatever writes them: inserts, corrections, replies, spam, merges,
// deletes, several rows per statement, and the fold that moves deltas into the counts.

/** A WIB wall-clock time ("2026-08-14 15:00") as an instant. */
const wib = (local: string) => new Date(`${local.replace(" ", "T")}:00+07:00`);
const COUNTS = [
  "received",
  "spam",
  "duplicates",
  "answered",
  "resolved",
  "firstResponseDone",
  "firstResponseOnTime",
  "resolutionDone",
  "resolutionOnTime",
  "resolvedOnce",
  "reopened",
  "awaitingFirstResponse",
  "awaitingResolution",
  "awaitingOpen",
];
const KEY = `"day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency"`;

let siar: TestSiar;
const units: Record<string, string> = {};

/** Non-zero cells as "key|counts" lines, summed over the source given. */
async function cells(source: Prisma.Sql): Promise<string[]> {
  const rows = await siar.services.prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT ${Prisma.raw(KEY)}, ${Prisma.raw(COUNTS.map((c) => `sum("${c}")::int AS "${c}"`).join(", "))}
    FROM ${source} GROUP BY ${Prisma.raw(KEY)}
    HAVING ${Prisma.raw(COUNTS.map((c) => `sum("${c}") <> 0`).join(" OR "))}`;
  return rows.map((row) => JSON.stringify(row)).sort();
}
const kept = () =>
  cells(Prisma.sql`(SELECT * FROM "InboxDailyCount" UNION ALL SELECT * FROM "InboxDailyCountDelta") c`);
const recounted = () => cells(Prisma.sql`inbox_daily_counts_between('2000-01-01', '2100-01-01') c`);

async function item(received: string, data: Partial<Prisma.InboxItemUncheckedCreateInput> = {}) {
  const { prisma } = siar.services;
  const receivedAt = wib(received);
  const conversation = await prisma.conversation.create({
    data: { source: "web_report", threadKey: randomUUID(), authorKey: randomUUID(), lastItemAt: receivedAt },
  });
  return prisma.inboxItem.create({
    data: {
      conversationId: conversation.id,
      source: "web_report",
      platformId: randomUUID(),
      authorName: "Warga",
      text: "Jalan rusak",
      sentAt: receivedAt,
      receivedAt,
      status: "triaged",
      kind: "pengaduan",
      category: "infrastruktur",
      urgency: "normal",
      unitId: units["kec-kapuas"],
      placeUnitId: units["desa-sungai-mawang"],
      firstResponseDueAt: new Date(receivedAt.getTime() + 3600_000),
      resolutionDueAt: new Date(receivedAt.getTime() + 86_400_000),
      ...data,
    },
  });
}

beforeAll(async () => {
  siar = await startTestSiar();
  for (const unit of await siar.services.prisma.unit.findMany({ select: { id: true, code: true } }))
    units[unit.code!] = unit.id;
});
afterAll(async () => {
  await siar?.close();
});

describe("the inbox daily counts", () => {
  it("equal a fresh count after every kind of write, before and after folding", async () => {
    const { prisma } = siar.services;
    // Just before and after midnight WIB: two different days.
    const late = await item("2026-09-01 23:59");
    const early = await item("2026-09-02 00:00", { status: "answered", firstRespondedAt: wib("2026-09-02 00:30") });
    const spam = await item("2026-09-02 08:00");
    expect(await kept()).toEqual(await recounted());

    await prisma.inboxItem.update({
      where: { id: late.id },
      data: { firstRespondedAt: wib("2026-09-02 02:00"), status: "answered" },
    });
    await prisma.inboxItem.update({
      where: { id: early.id },
      data: {
        resolvedAt: wib("2026-09-02 09:00"),
        status: "resolved",
        category: "kesehatan",
        unitId: units["dinas-pupr"],
      },
    });
    await prisma.inboxItem.update({ where: { id: spam.id }, data: { status: "closed_spam" } });
    const duplicate = await item("2026-09-02 08:05");
    await prisma.inboxItem.update({
      where: { id: duplicate.id },
      data: { mergedIntoId: early.id, status: "resolved", resolvedAt: wib("2026-09-02 08:10") },
    });
    // Several rows in one statement, some changing nothing counted.
    await prisma.inboxItem.updateMany({
      where: { receivedAt: { gte: wib("2026-09-01 00:00") } },
      data: { escalationLevel: 1 },
    });
    await prisma.inboxItem.updateMany({
      where: { receivedAt: { gte: wib("2026-09-01 00:00") } },
      data: { urgency: "tinggi" },
    });
    expect(await kept()).toEqual(await recounted());
    const [deltas] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "InboxDailyCountDelta"`;
    expect(deltas!.n).toBeGreaterThan(0);

    expect(await foldDailyCounts(prisma)).toBeGreaterThan(0);
    const [left] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "InboxDailyCountDelta"`;
    expect(left!.n).toBe(0);
    expect(await kept()).toEqual(await recounted());

    // Reopened as its timeline records it: counted as reopened, and as resolved once though no longer resolved.
    await prisma.inboxItem.update({ where: { id: early.id }, data: { status: "reopened", resolvedAt: null } });
    await prisma.inboxEvent.create({
      data: { itemId: early.id, type: "status", data: { status: { from: "resolved", to: "reopened" } } },
    });
    expect(await kept()).toEqual(await recounted());
    const [reopened] = await prisma.$queryRaw<{ resolvedOnce: number; reopened: number }[]>`
      SELECT sum("resolvedOnce")::int AS "resolvedOnce", sum("reopened")::int AS "reopened" FROM (SELECT * FROM "InboxDailyCount" UNION ALL SELECT * FROM "InboxDailyCountDelta") c
      WHERE "day" = '2026-09-02' AND "unitId" = ${units["dinas-pupr"]}::uuid`;
    expect(reopened).toEqual({ resolvedOnce: 1, reopened: 1 });

    await prisma.inboxItem.delete({ where: { id: duplicate.id } });
    expect(await kept()).toEqual(await recounted());
    // The day of receipt is the WIB date: the 23:59 item on 1 September, the others on the 2nd.
    const days = await prisma.$queryRaw<{ day: string; received: number }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", sum("received")::int AS "received" FROM (SELECT * FROM "InboxDailyCount" UNION ALL SELECT * FROM "InboxDailyCountDelta") c
      WHERE "day" >= '2026-09-01' GROUP BY 1 ORDER BY 1`;
    expect(days).toEqual([
      { day: "2026-09-01", received: 1 },
      { day: "2026-09-02", received: 1 },
    ]);
  });

  it("give a period's figures from whole days and count its partial first and last day from the items", async () => {
    await item("2026-10-05 06:00");
    await item("2026-10-05 18:00");
    await item("2026-10-06 12:00");
    await item("2026-10-07 09:00");
    await item("2026-10-07 21:00");
    const received = async (from: string, to: string) => {
      const [row] = await siar.services.prisma.$queryRaw<{ n: number }[]>`
        SELECT coalesce(sum(i."received"), 0)::int AS "n" FROM ${dailyCells({ from: wib(from), to: wib(to) })}`;
      return row!.n;
    };
    expect(await received("2026-10-05 00:00", "2026-10-08 00:00")).toBe(5); // whole days only
    expect(await received("2026-10-05 12:00", "2026-10-07 12:00")).toBe(3); // partial first and last day
    expect(await received("2026-10-05 05:00", "2026-10-05 19:00")).toBe(2); // within one day
    expect(await received("2026-10-06 00:00", "2026-10-07 09:00")).toBe(1); // the end is exclusive
  });

  it("read whole months from the monthly counts, folded or not, with the same result as day by day", async () => {
    await item("2026-07-31 23:00");
    await item("2026-08-01 00:10", { status: "answered", firstRespondedAt: wib("2026-08-01 01:00") });
    await item("2026-08-20 10:00");
    const period = { from: wib("2026-07-15 12:00"), to: wib("2026-11-10 12:00") };
    const total = async (cells: Prisma.Sql) => {
      const [row] = await siar.services.prisma.$queryRaw<Record<string, number>[]>`
        SELECT ${Prisma.raw(COUNTS.map((c) => `coalesce(sum(i."${c}"), 0)::int AS "${c}"`).join(", "))} FROM ${cells}`;
      return row;
    };
    const fresh = await total(
      Prisma.sql`inbox_daily_counts_between(${period.from}::timestamp, ${period.to}::timestamp) i`,
    );
    expect(fresh!.received).toBeGreaterThanOrEqual(3);
    expect(await total(dailyCells(period))).toEqual(fresh);
    expect(await total(dailyCells(period, { byDay: true }))).toEqual(fresh);
    await foldDailyCounts(siar.services.prisma);
    expect(await total(dailyCells(period))).toEqual(fresh);
    const months = await siar.services.prisma.$queryRaw<{ month: string; received: number }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "month", sum("received")::int AS "received" FROM "InboxMonthlyCount"
      WHERE "day" IN ('2026-07-01', '2026-08-01') GROUP BY 1 ORDER BY 1`;
    expect(months).toEqual([
      { month: "2026-07-01", received: 1 },
      { month: "2026-08-01", received: 2 },
    ]);
  });

  it("estimate percentiles from the fixed samples past the limit, and say so", async () => {
    // Ids starting with 0 or 1 are the sample of one in eight, with 00 to 03 the one of one in sixty-four.
    const answered = [
      ["00000000-0000-4000-8000-000000000001", 10],
      ["10000000-0000-4000-8000-000000000002", 20],
      ["a0000000-0000-4000-8000-000000000003", 100],
      ["c0000000-0000-4000-8000-000000000004", 200],
      ["e0000000-0000-4000-8000-000000000005", 300],
      ["f0000000-0000-4000-8000-000000000006", 400],
    ] as const;
    for (const [id, minutes] of answered) {
      await item("2026-11-03 08:00", {
        id,
        status: "answered",
        firstRespondedAt: new Date(wib("2026-11-03 08:00").getTime() + minutes * 60_000),
      });
    }
    const root = await siar.services.prisma.unit.findFirstOrThrow({
      where: { parentId: null },
      select: { id: true, path: true },
    });
    const scope = {
      period: { from: wib("2026-11-03 00:00"), to: wib("2026-11-04 00:00") },
      unitIds: null,
      anchor: root,
      placeUnitIds: null,
      now: wib("2026-11-05 00:00"),
    };
    const exact = (await responseFigures(siar.services.prisma, scope)).get(null)!.firstResponse;
    expect(exact).toMatchObject({ count: 6, calendarMinutes: { median: 100, p90: 400 }, estimated: false });
    const sampled = (await responseFigures(siar.services.prisma, scope, null, { exactUpTo: 5 })).get(
      null,
    )!.firstResponse;
    // Six answered is over a limit of five: the median and p90 of 10 and 20; the count stays exact.
    expect(sampled).toMatchObject({ count: 6, calendarMinutes: { median: 10, p90: 20 }, estimated: true });
    // With no limit every count is over eight times it: the sample of one in sixty-four, ids starting with 00 to 03 (10).
    const smallSample = (await responseFigures(siar.services.prisma, scope, null, { exactUpTo: 0 })).get(
      null,
    )!.firstResponse;
    expect(smallSample).toMatchObject({ count: 6, calendarMinutes: { median: 10, p90: 10 }, estimated: true });
  });
});
