import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@server/db/client.js";
import { publishingFigures, type PublishingFigures } from "@server/metrics/activity.js";
import { inIds, inPeriod, unitGroupKey, type MetricsScope, type Period } from "@server/metrics/scope.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Publishing figures come from a daily rollup kept by triggers, with the period's partial days
// read from the deliveries. They must equal the same figures read from every delivery (written
// out below as the glossary defines them), for periods that do and do not start at midnight, per
// channel and per unit, and after every kind of write the app makes.

/** A WIB wall-clock time ("2026-08-14 15:00") as an instant. */
const wib = (local: string) => new Date(`${local.replace(" ", "T")}:00+07:00`);

let siar: TestSiar;
let scope: MetricsScope;
const channels: string[] = [];
const postIds: string[] = [];

type Delivery = {
  published?: string;
  failed?: string;
  engagement?: { reactions: number; comments: number; shares: number; views: number | null };
};
type Post = { unit: string; scheduled?: string; approved?: string; deliveries: Delivery[] };

// Kapuas's and PUPR's posts to three channels; the first two go out on different WIB days
// (Friday 23:50 and Saturday 00:20), the third's channels a day apart.
const POSTS: Post[] = [
  {
    unit: "kec-kapuas",
    scheduled: "2026-08-14 23:48",
    deliveries: [
      { published: "2026-08-14 23:50", engagement: { reactions: 4, comments: 1, shares: 0, views: 40 } },
      { published: "2026-08-15 00:20" },
      { failed: "2026-08-15 00:30" },
    ],
  },
  {
    unit: "kec-kapuas",
    approved: "2026-08-15 09:00",
    deliveries: [
      { published: "2026-08-15 09:03", engagement: { reactions: 7, comments: 0, shares: 2, views: null } },
      { published: "2026-08-15 09:03" },
    ],
  },
  {
    unit: "dinas-pupr",
    scheduled: "2026-08-16 10:00",
    deliveries: [
      { published: "2026-08-16 10:02" },
      { published: "2026-08-17 10:30", engagement: { reactions: 1, comments: 1, shares: 1, views: 5 } },
      { published: "2026-08-16 10:04" },
    ],
  },
  { unit: "desa-sungai-mawang", deliveries: [{ published: "2026-08-18 12:00" }, { failed: "2026-08-18 12:05" }] },
  {
    unit: "dinas-pupr",
    scheduled: "2026-08-19 08:00",
    deliveries: [{ published: "2026-08-19 08:10", engagement: { reactions: 3, comments: 3, shares: 3, views: 300 } }],
  },
];

const PERIODS: [string, Period][] = [
  ["whole WIB days", { from: wib("2026-08-15 00:00"), to: wib("2026-08-19 00:00") }],
  [
    "starting between a post's first and second delivery",
    { from: wib("2026-08-15 00:00"), to: wib("2026-08-21 00:00") },
  ],
  ["starting and ending mid-day", { from: wib("2026-08-14 23:55"), to: wib("2026-08-18 12:02") }],
  ["shorter than a day", { from: wib("2026-08-15 00:10"), to: wib("2026-08-15 09:30") }],
  ["the whole week", { from: wib("2026-08-10 00:00"), to: wib("2026-08-24 00:00") }],
  [
    "starting mid-day between a post's deliveries a day apart",
    { from: wib("2026-08-17 09:00"), to: wib("2026-08-20 00:00") },
  ],
];

async function createPosts() {
  const { prisma } = siar.services;
  const author = await prisma.user.findUniqueOrThrow({ where: { email: "humas@sanggau.demo" } });
  const units = new Map(
    (await prisma.unit.findMany({ select: { id: true, code: true } })).map((unit) => [unit.code, unit.id]),
  );
  const kapuas = units.get("kec-kapuas")!;
  for (const kind of ["facebook", "instagram", "x"] as const) {
    channels.push(
      (
        await prisma.channel.create({
          data: { unitId: kapuas, kind, name: `Kanal ${kind}`, externalId: `rollup-${kind}`, credentials: "" },
        })
      ).id,
    );
  }
  for (const [index, post] of POSTS.entries()) {
    const created = await prisma.post.create({
      data: {
        unitId: units.get(post.unit)!,
        authorId: author.id,
        title: `Post ${index}`,
        body: "Isi",
        slug: `rollup-post-${index}`,
        status: "published",
        scheduledAt: post.scheduled ? wib(post.scheduled) : null,
        reviewedAt: post.approved ? wib(post.approved) : null,
        deliveries: {
          create: post.deliveries.map((delivery, channel) => ({
            channelId: channels[channel]!,
            status: delivery.failed ? "failed" : "published",
            publishedAt: delivery.published ? wib(delivery.published) : null,
            updatedAt: wib(delivery.failed ?? delivery.published!),
            ...(delivery.engagement ? { engagement: { create: delivery.engagement } } : {}),
          })),
        },
      },
    });
    postIds.push(created.id);
  }
}

beforeAll(async () => {
  siar = await startTestSiar();
  await createPosts();
  const root = await siar.services.prisma.unit.findFirstOrThrow({
    where: { parentId: null },
    select: { id: true, path: true },
  });
  scope = { period: PERIODS[0]![1], unitIds: null, anchor: root, placeUnitIds: null, now: wib("2026-08-28 09:00") };
});
afterAll(async () => {
  await siar?.close();
});

/**
 * The figures read from every delivery of the period, grouped by `key` over d/p/c/u: a delivery
 * is due at its post's schedule or approval, whichever is later, and on time within 5 minutes;
 * a post counts once per group.
 */
async function fromEveryDelivery(s: MetricsScope, key: Prisma.Sql): Promise<Map<string | null, PublishingFigures>> {
  const published = Prisma.sql`d."publishedAt" IS NOT NULL AND ${inPeriod(Prisma.sql`d."publishedAt"`, s.period)}`;
  const failed = Prisma.sql`d."status" = 'failed' AND ${inPeriod(Prisma.sql`d."updatedAt"`, s.period)}`;
  const dueAt = Prisma.sql`GREATEST(p."scheduledAt", p."reviewedAt")`;
  const judged = Prisma.sql`${published} AND ${dueAt} IS NOT NULL`;
  const rows = await siar.services.prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT ${key} AS "group", count(DISTINCT p."id") FILTER (WHERE ${published}) AS "posts", count(*) FILTER (WHERE ${published}) AS "published",
      count(*) FILTER (WHERE ${judged}) AS "judged", count(*) FILTER (WHERE ${judged} AND d."publishedAt" <= ${dueAt} + interval '5 minutes') AS "onTime",
      count(*) FILTER (WHERE ${failed}) AS "failed", sum(e."reactions") FILTER (WHERE ${published}) AS "reactions", sum(e."comments") FILTER (WHERE ${published}) AS "comments",
      sum(e."shares") FILTER (WHERE ${published}) AS "shares", sum(e."views") FILTER (WHERE ${published}) AS "views"
    FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId" JOIN "Channel" c ON c."id" = d."channelId" JOIN "Unit" u ON u."id" = p."unitId"
      LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = d."id"
    WHERE ((${published}) OR (${failed})) AND ${inIds(Prisma.sql`p."unitId"`, s.unitIds)} ${s.channelId ? Prisma.sql`AND d."channelId" = ${s.channelId}::uuid` : Prisma.empty}
    GROUP BY 1`;
  return new Map(
    rows.map((row) => {
      const [judgedCount, onTime] = [Number(row.judged), Number(row.onTime)];
      const engagement = {
        reactions: Number(row.reactions ?? 0),
        comments: Number(row.comments ?? 0),
        shares: Number(row.shares ?? 0),
        views: row.views === null ? null : Number(row.views),
      };
      const figures = {
        posts: Number(row.posts),
        published: Number(row.published),
        judged: judgedCount,
        onTime,
        onTimeRate: judgedCount ? onTime / judgedCount : null,
        failed: Number(row.failed),
        engagement,
      };
      return [row.group as string | null, figures];
    }),
  );
}

const sorted = (figures: Map<string | null, PublishingFigures>) =>
  [...figures.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)));

/** Every grouping and filter over every period, from the rollup and from the deliveries. */
async function expectRollupToMatchDeliveries() {
  const { prisma } = siar.services;
  const kapuasSubtree = (
    await prisma.unit.findMany({ where: { code: { in: ["kec-kapuas", "desa-sungai-mawang"] } }, select: { id: true } })
  ).map((unit) => unit.id);
  const filters: [string, Partial<MetricsScope>][] = [
    ["no filter", {}],
    ["one channel", { channelId: channels[1] }],
    ["Kapuas and a desa", { unitIds: kapuasSubtree }],
  ];
  for (const [periodName, period] of PERIODS) {
    for (const [filterName, filter] of filters) {
      const filtered = { ...scope, ...filter, period };
      const cases = [
        [null, Prisma.sql`NULL::text`],
        ["channel", Prisma.sql`c."id"::text`],
        ["unit", unitGroupKey(scope.anchor)],
      ] as const;
      for (const [groupBy, key] of cases) {
        const label = `${periodName}, ${filterName}, per ${groupBy ?? "total"}`;
        expect(sorted(await publishingFigures(prisma, filtered, groupBy)), label).toEqual(
          sorted(await fromEveryDelivery(filtered, key)),
        );
      }
    }
  }
}

describe("publishing figures from the daily rollup", () => {
  it("count a post once in a period that starts between its deliveries", async () => {
    const period = PERIODS[1]![1];
    const total = (await publishingFigures(siar.services.prisma, { ...scope, period })).get(null);
    // Posts 0 (its Saturday delivery), 1, 2, 3 and 4: eight deliveries published; post 0's and post 3's failures; the engagement of all but post 0's Friday delivery.
    expect(total).toMatchObject({ posts: 5, published: 8, failed: 2 });
    expect(total?.engagement).toEqual({ reactions: 11, comments: 4, shares: 6, views: 305 });
  });

  it("equal the figures read from every delivery", async () => {
    await expectRollupToMatchDeliveries();
  });

  it("follow engagement refreshes, reschedules, failures, republishing and deletions", async () => {
    const { prisma } = siar.services;
    const deliveries = await prisma.delivery.findMany({
      where: { postId: { in: postIds } },
      orderBy: [{ postId: "asc" }, { channelId: "asc" }],
    });
    const published = deliveries.filter((delivery) => delivery.publishedAt);
    await prisma.deliveryEngagement.upsert({
      where: { deliveryId: published[0]!.id },
      create: { deliveryId: published[0]!.id, reactions: 9, views: 12 },
      update: { reactions: 9, views: 12 },
    });
    await prisma.deliveryEngagement.upsert({
      where: { deliveryId: published[1]!.id },
      create: { deliveryId: published[1]!.id, reactions: 2, views: null },
      update: { reactions: 2, views: null },
    });
    await prisma.post.update({
      where: { id: postIds[0]! },
      data: {
        scheduledAt: wib("2026-08-15 00:18"),
        unitId: (await prisma.post.findUniqueOrThrow({ where: { id: postIds[2]! } })).unitId,
      },
    });
    await prisma.post.update({ where: { id: postIds[2]! }, data: { scheduledAt: null } });
    await prisma.delivery.update({
      where: { id: published[2]!.id },
      data: { status: "failed", publishedAt: null, updatedAt: wib("2026-08-16 11:00") },
    });
    // A failed delivery published again later, before its post's other deliveries in time order.
    const failed = deliveries.find((delivery) => delivery.status === "failed")!;
    await prisma.delivery.update({
      where: { id: failed.id },
      data: { status: "published", publishedAt: wib("2026-08-14 23:40"), updatedAt: wib("2026-08-14 23:40") },
    });
    await prisma.delivery.delete({ where: { id: published[3]!.id } });
    await prisma.post.delete({ where: { id: postIds[4]! } });
    await expectRollupToMatchDeliveries();
  });
});
