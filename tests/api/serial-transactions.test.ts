import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeQueryOverlaps } from "../helpers/serialQueries.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// On PostgreSQL an interactive transaction holds one pg connection, which runs one query at a
// time (pg 9 refuses a second). The guard every test file runs (tests/helpers/serialQueries.ts)
// sees overlaps; the server sends a transaction's queries one after another.

const url = process.env.DATABASE_URL;
let siar: TestSiar;

describe.skipIf(!url)("queries inside one transaction on PostgreSQL", () => {
  beforeAll(async () => {
    siar = await startTestSiar();
  });
  afterAll(async () => siar?.close());

  it("the guard sees queries sent in parallel on one connection", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await Promise.all([client.query("SELECT 1"), client.query("SELECT 2")]);
    } finally {
      await client.end();
    }
    expect(takeQueryOverlaps()).toHaveLength(1);
  });

  it("go one after another where Prisma loads several relations at once", async () => {
    const units = await siar.services.prisma.$transaction((tx) =>
      tx.unit.findMany({ include: { parent: true, children: true, memberships: true, channels: true } }),
    );
    expect(units.some((unit) => unit.children.length > 0 && unit.memberships.length > 0)).toBe(true);
    expect(takeQueryOverlaps()).toEqual([]);
  });

  it("go one after another under Promise.all over calls that start apart", async () => {
    const later = async (tx: Pick<typeof siar.services.prisma, "unit">) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tx.unit.count();
    };
    const [slept, count] = await siar.services.prisma.$transaction(async (tx) =>
      Promise.all([tx.$queryRaw<{ slept: string }[]>`SELECT pg_sleep(0.1)::text AS slept`, later(tx)]),
    );
    expect(slept).toEqual([{ slept: "" }]);
    expect(count).toBeGreaterThan(0);
    expect(takeQueryOverlaps()).toEqual([]);
  });

  it("outside a transaction still run in parallel, each on a pool connection", async () => {
    const { prisma } = siar.services;
    const backends = await Promise.all(
      [1, 2, 3].map(() => prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.1)::text`),
    );
    expect(new Set(backends.map(([row]) => row?.pid)).size).toBe(3);
    expect(takeQueryOverlaps()).toEqual([]);
  });
});
