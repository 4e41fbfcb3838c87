import fs from "node:fs";
import path from "node:path";
import { ARCHIVE_PREFIX, siarVersion } from "@server/backup/archive.js";
import { migrationStatus } from "@server/db/migrate.js";
import type { Services } from "@server/services.js";
import { fileStore } from "@server/storage/fileStore.js";
import { storeUse } from "./diskUse.js";
import { queueFigures } from "./queues.js";

/**
 * What an administrator checks first when something seems wrong: versions, migrations, the work
 * waiting, the background jobs' last runs, channels needing attention, the file store's use and the last backup.
 */
export async function systemHealth(services: Services) {
  const { prisma, db, config } = services;
  const [migrations, [server], queues, jobs, channels, reconnect, stored] = await Promise.all([
    migrationStatus(db),
    prisma.$queryRaw<{ server_version: string }[]>`SHOW server_version`,
    queueFigures(prisma),
    services.jobRuns.list(),
    prisma.channel.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.channel.findMany({
      where: { status: "needs_reconnect" },
      select: {
        id: true,
        name: true,
        kind: true,
        statusReason: true,
        statusChangedAt: true,
        unit: { select: { name: true } },
      },
      orderBy: { statusChangedAt: "asc" },
      take: 20,
    }),
    storeUse(fileStore(config)),
  ]);
  const applied = migrations.filter((m) => m.applied);
  return {
    siarVersion: siarVersion(),
    nodeVersion: process.versions.node,
    database: { kind: db.kind, serverVersion: server?.server_version ?? null },
    migrations: {
      applied: applied.length,
      latest: applied.at(-1)?.name ?? null,
      pending: migrations.filter((m) => !m.applied).map((m) => m.name),
    },
    queues,
    jobs,
    channels: {
      connected: countOf(channels, "connected"),
      needsReconnect: countOf(channels, "needs_reconnect"),
      disabled: countOf(channels, "disabled"),
      toReconnect: reconnect.map(({ unit, ...channel }) => ({ ...channel, unitName: unit.name })),
    },
    /** Where stored files are (the data folder or a bucket) and whether the figures below could be measured. */
    storage: { kind: stored.kind, location: stored.location, problem: stored.problem },
    disk: stored.folders,
    backup: {
      dir: config.backup.dir,
      schedule: config.backup.schedule ?? null,
      latest: latestBackup(config.backup.dir),
    },
    metricsEnabled: config.metricsToken !== undefined,
  };
}

function countOf(groups: { status: string; _count: { _all: number } }[], status: string): number {
  return groups.find((group) => group.status === status)?._count._all ?? 0;
}

/** The newest archive in the backup folder (its name holds its time, so names sort by age). */
function latestBackup(dir: string): { file: string; bytes: number; at: Date } | null {
  if (!fs.existsSync(dir)) return null;
  const newest = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(ARCHIVE_PREFIX) && name.endsWith(".tar.gz"))
    .sort()
    .at(-1);
  if (!newest) return null;
  const stat = fs.statSync(path.join(dir, newest));
  return { file: newest, bytes: stat.size, at: stat.mtime };
}
