import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxStatus } from "@server/db/generated/enums.js";
import { earlyWarningFigures, publishingFigures } from "@server/metrics/activity.js";
import { toCsv } from "@server/metrics/csv.js";
import { ageBucketOf, durationMinutes, nearestRank } from "@server/metrics/definitions.js";
import { backlogCounts, overdueItems, responseFigures } from "@server/metrics/inbox.js";
import { areasReport, summaryReport, unitsReport } from "@server/metrics/reports.js";
import { previousPeriod, type MetricsScope } from "@server/metrics/scope.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// A hand-computed week of August 2026 around a weekend and Independence Day (Monday 17 August,
// a national holiday). Office hours (Keppres 68/1995): Mon–Thu 07:30–12:00 and 13:00–16:00,
// Fri 07:30–11:30 and 13:00–16:30 — 450 working minutes a day. All times are WIB (UTC+7).
// The period is Fri 14 Aug 00:00 – Fri 21 Aug 00:00; "now" is Fri 28 Aug 09:00.

/** A WIB wall-clock time ("2026-08-14 15:00") as an instant. */
const wib = (local: string) => new Date(`${local.replace(" ", "T")}:00+07:00`);

type Spec = {
  received: string;
  status: InboxStatus;
  unit: string;
  place?: string;
  answered?: string;
  resolved?: string;
  firstResponseDue?: string;
  resolutionDue?: string;
  /** Status moves on the timeline, in order ("resolved", "reopened"), each at a time. */
  moves?: [InboxStatus, string][];
  mergedInto?: string;
};

// Comments: first response and resolution as calendar / working minutes.
const ITEMS: Record<string, Spec> = {
  // Fri 15:00 → Fri 15:30: 30 / 30. Resolved Tue 08:00: 89 h = 5340 / Fri 90 + Tue 30 = 120.
  A: {
    received: "2026-08-14 15:00",
    answered: "2026-08-14 15:30",
    resolved: "2026-08-18 08:00",
    status: "resolved",
    unit: "kec-kapuas",
    place: "desa-sungai-mawang",
    firstResponseDue: "2026-08-14 16:30",
    resolutionDue: "2026-08-18 16:00",
    moves: [["resolved", "2026-08-18 08:00"]],
  },
  // Fri 16:00 → Tue 09:00: 89 h = 5340 / Fri 30 + Tue 90 = 120 (weekend and holiday free). Late.
  B: {
    received: "2026-08-14 16:00",
    answered: "2026-08-18 09:00",
    status: "answered",
    unit: "kec-kapuas",
    place: "desa-sungai-mawang",
    firstResponseDue: "2026-08-14 16:30",
    resolutionDue: "2026-09-04 16:00",
  },
  // Sat 10:00 → Mon (holiday) 10:00: 2880 / 0. No first-response deadline. Resolved, then reopened.
  C: {
    received: "2026-08-15 10:00",
    answered: "2026-08-17 10:00",
    status: "reopened",
    unit: "kec-kapuas",
    place: "kel-beringin",
    resolutionDue: "2026-08-19 16:00",
    moves: [
      ["resolved", "2026-08-18 10:00"],
      ["reopened", "2026-08-19 09:00"],
    ],
  },
  // Sun 20:00 → Tue 07:45: 2145 / 15.
  D: {
    received: "2026-08-16 20:00",
    answered: "2026-08-18 07:45",
    status: "answered",
    unit: "kec-kapuas",
    place: "kec-kapuas",
    firstResponseDue: "2026-08-18 16:00",
  },
  // Mon (holiday) 09:00 → Tue 13:30: 1710 / 270 + 30 = 300. Late. Resolved Thu 15:00 after a reopen:
  // 78 h = 4680 / Tue 450 + Wed 450 + Thu 390 = 1290.
  E: {
    received: "2026-08-17 09:00",
    answered: "2026-08-18 13:30",
    resolved: "2026-08-20 15:00",
    status: "resolved",
    unit: "kec-kapuas",
    place: "desa-sosok",
    firstResponseDue: "2026-08-18 12:00",
    resolutionDue: "2026-08-21 16:30",
    moves: [
      ["resolved", "2026-08-19 10:00"],
      ["reopened", "2026-08-19 14:00"],
      ["resolved", "2026-08-20 15:00"],
    ],
  },
  // Tue 08:00 → 08:10: 10 / 10, answered exactly at its deadline (on time). Resolved Wed 08:00: 1440 / 420 + 30 = 450, late.
  F: {
    received: "2026-08-18 08:00",
    answered: "2026-08-18 08:10",
    resolved: "2026-08-19 08:00",
    status: "resolved",
    unit: "kec-kapuas",
    firstResponseDue: "2026-08-18 08:10",
    resolutionDue: "2026-08-18 16:00",
    moves: [["resolved", "2026-08-19 08:00"]],
  },
  // Tue 11:50 → 13:10 across the lunch break: 80 / 10 + 10 = 20.
  G: {
    received: "2026-08-18 11:50",
    answered: "2026-08-18 13:10",
    status: "answered",
    unit: "desa-sungai-mawang",
    firstResponseDue: "2026-08-18 16:00",
    resolutionDue: "2026-09-04 16:00",
  },
  // Wed 09:00 → 10:00: 60 / 60. Resolved 11:00: 120 / 120, on time.
  H: {
    received: "2026-08-19 09:00",
    answered: "2026-08-19 10:00",
    resolved: "2026-08-19 11:00",
    status: "resolved",
    unit: "dinas-pupr",
    firstResponseDue: "2026-08-20 16:00",
    resolutionDue: "2026-08-21 16:30",
    moves: [["resolved", "2026-08-19 11:00"]],
  },
  // Wed 15:00 → Thu 08:30: 1050 / 60 + 60 = 120. Late.
  I: {
    received: "2026-08-19 15:00",
    answered: "2026-08-20 08:30",
    status: "answered",
    unit: "dinas-pupr",
    firstResponseDue: "2026-08-19 16:00",
    resolutionDue: "2026-09-04 16:00",
  },
  // Thu 10:00 → 10:05: 5 / 5. Resolved Fri 09:00: 1380 / 300 + 90 = 390, late.
  J: {
    received: "2026-08-20 10:00",
    answered: "2026-08-20 10:05",
    resolved: "2026-08-21 09:00",
    status: "resolved",
    unit: "dinas-pupr",
    firstResponseDue: "2026-08-21 16:30",
    resolutionDue: "2026-08-20 16:00",
    moves: [["resolved", "2026-08-21 09:00"]],
  },
  // Never answered, both deadlines passed: judged late for both, and overdue now.
  K: {
    received: "2026-08-20 14:00",
    status: "in_progress",
    unit: "kec-kapuas",
    firstResponseDue: "2026-08-20 16:00",
    resolutionDue: "2026-08-24 16:00",
  },
  // Spam answered in a minute and on time: must not count anywhere in response figures or volume.
  L: {
    received: "2026-08-14 10:00",
    answered: "2026-08-14 10:01",
    status: "closed_spam",
    unit: "kec-kapuas",
    firstResponseDue: "2026-08-14 10:30",
  },
  // A duplicate merged (resolved) after 5 minutes: counts in volume only.
  M: {
    received: "2026-08-18 09:00",
    resolved: "2026-08-18 09:05",
    status: "resolved",
    unit: "kec-kapuas",
    mergedInto: "F",
    resolutionDue: "2026-08-18 16:00",
  },
  // Open with deadlines still ahead of now: not judged.
  N: {
    received: "2026-08-20 15:00",
    status: "assigned",
    unit: "kec-kapuas",
    firstResponseDue: "2026-09-01 16:00",
    resolutionDue: "2026-09-08 16:00",
  },
  // Outside the period: only in the backlog (ages from now, Fri 28 Aug 09:00) and R in the previous period.
  O: { received: "2026-08-28 08:00", status: "new", unit: "kec-kapuas" }, // 1 hour
  P: { received: "2026-08-26 09:00", status: "triaged", unit: "kec-kapuas" }, // exactly 2 days
  Q: { received: "2026-08-25 09:00", status: "assigned", unit: "dinas-pupr" }, // exactly 3 days: the 3–7 bucket
  R: { received: "2026-08-10 09:00", status: "in_progress", unit: "kec-kapuas" }, // 18 days
};

let siar: TestSiar;
let scope: MetricsScope;
const units: Record<string, string> = {};
const ids: Record<string, string> = {};

async function createItems() {
  const { prisma } = siar.services;
  for (const [name, spec] of Object.entries(ITEMS)) {
    const receivedAt = wib(spec.received);
    const conversation = await prisma.conversation.create({
      data: { source: "web_report", threadKey: name, authorKey: randomUUID(), lastItemAt: receivedAt },
    });
    const at = (local?: string) => (local ? wib(local) : null);
    const item = await prisma.inboxItem.create({
      data: {
        conversationId: conversation.id,
        source: "web_report",
        platformId: `metrics-${name}`,
        authorName: "Warga",
        text: `Laporan ${name}`,
        sentAt: receivedAt,
        receivedAt,
        status: spec.status,
        kind: "pengaduan",
        category: name === "H" ? "infrastruktur" : "pelayanan_publik",
        urgency: "normal",
        unitId: units[spec.unit],
        placeUnitId: spec.place ? units[spec.place] : null,
        firstRespondedAt: at(spec.answered),
        resolvedAt: at(spec.resolved),
        firstResponseDueAt: at(spec.firstResponseDue),
        resolutionDueAt: at(spec.resolutionDue),
        mergedIntoId: spec.mergedInto ? ids[spec.mergedInto] : null,
      },
    });
    ids[name] = item.id;
    for (const [to, local] of spec.moves ?? []) {
      await prisma.inboxEvent.create({
        data: { itemId: item.id, type: "status", data: { status: { from: "in_progress", to } }, createdAt: wib(local) },
      });
    }
  }
}

async function createWarningsAndPosts() {
  const { prisma } = siar.services;
  // Acknowledged after 30 and 90 minutes; one never.
  for (const [raised, acknowledged] of [
    ["2026-08-18 09:00", "2026-08-18 09:30"],
    ["2026-08-19 09:00", "2026-08-19 10:30"],
    ["2026-08-20 09:00", null],
  ] as const) {
    await prisma.earlyWarning.create({
      data: {
        category: "lingkungan",
        unitId: units["kec-kapuas"],
        windowStart: wib(raised),
        windowEnd: wib(raised),
        count: 5,
        baseline: 0,
        raisedAt: wib(raised),
        acknowledgedAt: acknowledged ? wib(acknowledged) : null,
      },
    });
  }
  const author = await prisma.user.findUniqueOrThrow({ where: { email: "humas@sanggau.demo" } });
  const channel = await prisma.channel.create({
    data: {
      unitId: units["kec-kapuas"]!,
      kind: "website",
      name: "Situs Kapuas",
      externalId: "metrics-test",
      credentials: "",
    },
  });
  type Engagement = { reactions: number; comments: number; shares: number; views: number | null };
  const posts: {
    scheduled?: string;
    approved?: string;
    published?: string;
    failed?: string;
    engagement?: Engagement;
  }[] = [
    // 4 minutes after its schedule: on time
    {
      scheduled: "2026-08-18 09:00",
      published: "2026-08-18 09:04",
      engagement: { reactions: 10, comments: 2, shares: 1, views: 100 },
    },
    // 6 minutes: late; its platform reports no views
    {
      scheduled: "2026-08-18 10:00",
      published: "2026-08-18 10:06",
      engagement: { reactions: 5, comments: 0, shares: 3, views: null },
    },
    { approved: "2026-08-19 08:00", published: "2026-08-19 08:03" }, // 3 minutes after approval: on time
    { published: "2026-08-19 09:00" }, // neither scheduled nor approved: not judged
    { scheduled: "2026-08-20 09:00", failed: "2026-08-20 09:10" },
  ];
  for (const [index, post] of posts.entries()) {
    await prisma.post.create({
      data: {
        unitId: units["kec-kapuas"]!,
        authorId: author.id,
        title: `Post ${index}`,
        body: "Isi",
        slug: `metrics-post-${index}`,
        status: post.failed ? "failed" : "published",
        scheduledAt: post.scheduled ? wib(post.scheduled) : null,
        reviewedAt: post.approved ? wib(post.approved) : null,
        deliveries: {
          create: {
            channelId: channel.id,
            status: post.failed ? "failed" : "published",
            publishedAt: post.published ? wib(post.published) : null,
            updatedAt: wib(post.failed ?? post.published!),
            ...(post.engagement
              ? { engagement: { create: { ...post.engagement, fetchedAt: wib("2026-08-21 09:00") } } }
              : {}),
          },
        },
      },
    });
  }
}

beforeAll(async () => {
  siar = await startTestSiar();
  for (const unit of await siar.services.prisma.unit.findMany({ select: { id: true, code: true } }))
    units[unit.code!] = unit.id;
  await createItems();
  await createWarningsAndPosts();
  const root = await siar.services.prisma.unit.findFirstOrThrow({
    where: { parentId: null },
    select: { id: true, path: true },
  });
  scope = {
    period: { from: wib("2026-08-14 00:00"), to: wib("2026-08-21 00:00") },
    unitIds: null,
    anchor: root,
    placeUnitIds: null,
    now: wib("2026-08-28 09:00"),
  };
});
afterAll(async () => {
  await siar?.close();
});

describe("the percentile method", () => {
  it("takes the ⌈p·n⌉-th smallest value (nearest rank)", () => {
    expect(nearestRank([5, 1, 4, 2, 3], 0.5)).toBe(3); // ⌈2.5⌉ = 3rd
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2); // ⌈2⌉ = 2nd, no interpolation
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9); // ⌈9⌉ = 9th
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});

describe("durations", () => {
  it("count no working time over a weekend and Independence Day", () => {
    // Fri 16:00 → Tue 09:00: Fri 16:00–16:30 and Tue 07:30–09:00.
    expect(durationMinutes(wib("2026-08-14 16:00"), wib("2026-08-18 09:00"), "Asia/Jakarta")).toEqual({
      calendar: 5340,
      working: 120,
    });
    // Received and answered on the holiday: a whole day by the clock, no office time.
    expect(durationMinutes(wib("2026-08-17 08:00"), wib("2026-08-17 15:00"), null).working).toBe(0);
  });

  it("are whole minutes, seconds dropped, in code and in the database alike", async () => {
    const received = wib("2026-08-18 08:00");
    const answered = new Date(received.getTime() + (10 * 60 + 59) * 1000);
    expect(durationMinutes(received, answered, null)).toEqual({ calendar: 10, working: 10 });
    // Item E is answered after 1710 minutes; a reply 59 seconds later changes nothing (the column is generated by PostgreSQL).
    const minutesOfE = async () =>
      (
        await siar.services.prisma.$queryRaw<
          { minutes: number }[]
        >`SELECT "firstResponseMinutes" AS "minutes" FROM "InboxItem" WHERE "id" = ${ids.E}::uuid`
      )[0]?.minutes;
    expect(await minutesOfE()).toBe(1710);
    await siar.services.prisma.inboxItem.update({
      where: { id: ids.E },
      data: { firstRespondedAt: new Date(wib("2026-08-18 13:30").getTime() + 59_000) },
    });
    try {
      expect(await minutesOfE()).toBe(1710);
    } finally {
      await siar.services.prisma.inboxItem.update({
        where: { id: ids.E },
        data: { firstRespondedAt: wib("2026-08-18 13:30") },
      });
    }
  });
});

describe("response figures over the fixture week", () => {
  it("give median and 90th percentile of first response in calendar and working minutes", async () => {
    const figures = (await responseFigures(siar.services.prisma, scope)).get(null)!;
    // Ten answered items A–J (spam L left out). Calendar sorted: 5 10 30 60 80 1050 1710 2145 2880 5340.
    expect(figures.firstResponse.count).toBe(10);
    expect(figures.firstResponse.calendarMinutes).toEqual({ median: 80, p90: 2880 }); // 5th and 9th values
    // Working sorted: 0 5 10 15 20 30 60 120 120 300.
    expect(figures.firstResponse.workingMinutes).toEqual({ median: 20, p90: 120 });
  });

  it("give resolution times without the merged duplicate or the reopened item", async () => {
    const figures = (await responseFigures(siar.services.prisma, scope)).get(null)!;
    // Resolved: A, E, F, H, J (M merged, C reopened). Calendar sorted: 120 1380 1440 4680 5340.
    expect(figures.resolution.count).toBe(5);
    expect(figures.resolution.calendarMinutes).toEqual({ median: 1440, p90: 5340 }); // 3rd and 5th
    // Working sorted: 120 120 390 450 1290.
    expect(figures.resolution.workingMinutes).toEqual({ median: 390, p90: 1290 });
  });

  it("judge compliance only where a deadline passed or the clock stopped", async () => {
    const { compliance } = (await responseFigures(siar.services.prisma, scope)).get(null)!;
    // First response judged: A B D E F G H I J K (C has no deadline, N's is ahead); on time A D F G H J.
    expect(compliance.firstResponse).toEqual({ judged: 10, onTime: 6, rate: 0.6 });
    // Resolution judged: A C E F H J K (B G I N ahead, D none); on time A E H.
    expect(compliance.resolution).toEqual({ judged: 7, onTime: 3, rate: 3 / 7 });
  });

  it("count volume without spam, and the reopen rate over items resolved at least once", async () => {
    const figures = (await responseFigures(siar.services.prisma, scope)).get(null)!;
    // A–N is 14 items received in the period; L is spam; M (a duplicate) still counts.
    expect(figures).toMatchObject({ volume: 13, spam: 1, duplicates: 1 });
    // Resolved at least once: A C E F H J; reopened: C and E.
    expect(figures.reopen).toEqual({ reopened: 2, resolved: 6, rate: 2 / 6 });
  });

  it("compare with the previous week, which only holds R", async () => {
    const previous = (
      await responseFigures(siar.services.prisma, { ...scope, period: previousPeriod(scope.period) })
    ).get(null)!;
    expect(previous.volume).toBe(1);
    expect(previous.firstResponse.calendarMinutes.median).toBeNull();
    const summary = (await summaryReport(siar.services.prisma, scope)).body as any;
    expect(summary.figures.volume).toEqual({ current: 13, previous: 1 });
    expect(summary.previousPeriod).toEqual({
      from: wib("2026-08-07 00:00").toISOString(),
      to: wib("2026-08-14 00:00").toISOString(),
    });
  });
});

describe("snapshots of now", () => {
  it("bucket the open items by age", async () => {
    // Open: O 1 h, P 2 d, Q 3 d (a bucket's lower bound belongs to it), C K N 7–13 d, R 18 d.
    expect((await backlogCounts(siar.services.prisma, scope)).get(null)).toEqual({
      under_1d: 1,
      "1_3d": 1,
      "3_7d": 1,
      "7_14d": 3,
      over_14d: 1,
      total: 7,
    });
    expect([0, 0.99, 1, 2.99, 3, 7, 13.9, 14, 40].map(ageBucketOf)).toEqual([
      "under_1d",
      "under_1d",
      "1_3d",
      "1_3d",
      "3_7d",
      "7_14d",
      "7_14d",
      "over_14d",
      "over_14d",
    ]);
  });

  it("list the overdue items oldest first with their age", async () => {
    const overdue = await overdueItems(siar.services.prisma, scope, 10);
    // C: reopened past its resolution deadline; K: never answered. R has no deadline.
    expect(overdue.count).toBe(2);
    expect(overdue.items.map((item) => [item.id, item.missed, item.ageMinutes])).toEqual([
      [ids.C, "resolution", (12 * 24 + 23) * 60], // Sat 15 Aug 10:00 → Fri 28 Aug 09:00
      [ids.K, "firstResponse", (7 * 24 + 19) * 60], // Thu 20 Aug 14:00 → Fri 28 Aug 09:00
    ]);
  });
});

describe("breakdowns", () => {
  it("rank units below the top with their own figures", async () => {
    const rows = ((await unitsReport(siar.services.prisma, scope)).body as any).data;
    const kapuas = rows.find((row: any) => row.unitId === units["kec-kapuas"]);
    const pupr = rows.find((row: any) => row.unitId === units["dinas-pupr"]);
    // Kapuas with its desa (G): A–G, K, M, N; PUPR: H I J.
    expect(kapuas).toMatchObject({ volume: 10, reopen: { reopened: 2, resolved: 4, rate: 0.5 } });
    // PUPR first response: 5 60 1050 calendar, 5 60 120 working; on time H and J of H I J.
    expect(pupr).toMatchObject({
      volume: 3,
      firstResponse: { calendarMinutes: { median: 60 }, workingMinutes: { median: 60 } },
      compliance: { firstResponse: { judged: 3, onTime: 2 } },
    });
    expect(rows.find((row: any) => row.unitId === units.bpbd)).toMatchObject({ volume: 0 }); // quiet units are listed
  });

  it("add desa up to their kecamatan and rank areas", async () => {
    const { data, unplaced } = (await areasReport(siar.services.prisma, scope)).body as any;
    // Kapuas: A B (Sungai Mawang), C (Beringin), D (the kecamatan itself); Tayan Hulu: E (Sosok).
    expect(data.map((area: any) => [area.unitId, area.count])).toEqual([
      [units["kec-kapuas"], 4],
      [units["kec-tayan-hulu"], 1],
    ]);
    expect(data[0].places.map((place: any) => [place.unitId, place.count])).toEqual([
      [units["desa-sungai-mawang"], 2],
      [units["kel-beringin"], 1],
    ]);
    expect(unplaced).toBe(8); // F–K, M, N (L is spam)
  });

  it("time early warnings to acknowledgement", async () => {
    // Acknowledged after 30 and 90 minutes: median ⌈1⌉ = 30, p90 ⌈1.8⌉ = 90.
    expect(await earlyWarningFigures(siar.services.prisma, scope)).toEqual({
      raised: 3,
      acknowledged: 2,
      minutesToAcknowledge: { median: 30, p90: 90 },
    });
  });

  it("judge publishing against the schedule or the approval", async () => {
    // Four published (two on time of three judged), one failed; engagement 10+5 reactions, 2+0 comments, 1+3 shares, 100 views (the other reported none).
    expect((await publishingFigures(siar.services.prisma, scope)).get(null)).toEqual({
      posts: 4,
      published: 4,
      judged: 3,
      onTime: 2,
      onTimeRate: 2 / 3,
      failed: 1,
      engagement: { reactions: 15, comments: 2, shares: 4, views: 100 },
    });
  });

  it("narrow every figure to a unit and its descendants", async () => {
    const kapuasIds = (
      await siar.services.prisma.unit.findMany({
        where: {
          path: {
            startsWith: (
              await siar.services.prisma.unit.findUniqueOrThrow({ where: { id: units["kec-kapuas"]! } })
            ).path,
          },
        },
      })
    ).map((u) => u.id);
    const figures = (await responseFigures(siar.services.prisma, { ...scope, unitIds: kapuasIds })).get(null)!;
    expect(figures.volume).toBe(10);
    // Kapuas answered A–G, calendar sorted: 10 30 80 1710 2145 2880 5340; ⌈3.5⌉ = 4th, ⌈6.3⌉ = 7th.
    expect(figures.firstResponse.calendarMinutes).toEqual({ median: 1710, p90: 5340 });
  });
});

describe("CSV", () => {
  it("quotes fields with commas, quotes and line breaks, and defuses formulas", () => {
    const csv = toCsv([
      { unit: 'Kecamatan "Kapuas", Sanggau', count: 3 },
      { unit: "=HYPERLINK()", count: -1, note: "a\nb" },
    ]);
    expect(csv).toBe('unit,count,note\r\n"Kecamatan ""Kapuas"", Sanggau",3,\r\n\'=HYPERLINK(),-1,"a\nb"\r\n');
  });
});
