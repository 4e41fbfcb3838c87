import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "@server/db/migrate.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
beforeAll(async () => {
  siar = await startTestSiar();
  // Before the first measurement: the store's figures are then kept a minute.
  const media = path.join(siar.services.config.dataDir, "health-uploads");
  fs.mkdirSync(path.join(media, "a"), { recursive: true });
  fs.writeFileSync(path.join(media, "a", "one.bin"), Buffer.alloc(1000));
  fs.writeFileSync(path.join(media, "two.bin"), Buffer.alloc(234));
  admin = await signedIn(siar.url, "admin@sanggau.demo");
});
afterAll(async () => siar?.close());

const health = async () => {
  const response = await admin.get("/api/system/health");
  expect(response.status).toBe(200);
  return response.body;
};

describe("GET /api/system/health", () => {
  it("is for administrators only", async () => {
    for (const email of ["humas@sanggau.demo", "pimpinan@sanggau.demo", "petugas.kapuas@sanggau.demo"]) {
      const client = await signedIn(siar.url, email);
      expect((await client.get("/api/system/health")).status, email).toBe(403);
    }
    expect((await fetch(`${siar.url}/api/system/health`)).status).toBe(401);
  });

  it("reports versions, database and migrations as they are", async () => {
    const body = await health();
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
    expect(body.siarVersion).toBe(pkg.version);
    expect(body.nodeVersion).toBe(process.versions.node);
    expect(body.database.kind).toBe(siar.services.db.kind);
    expect(body.database.serverVersion).toMatch(/^\d+\.\d+/);
    const local = readMigrations();
    expect(body.migrations).toEqual({ applied: local.length, latest: local.at(-1)!.name, pending: [] });
    expect(body.metricsEnabled).toBe(false);
  });

  it("counts the queues and channels the database holds", async () => {
    const { prisma } = siar.services;
    await prisma.inboxDeadLetter.create({
      data: { origin: "poll", payloadKind: "message", payload: "{}", key: "health-test-1", reason: "test" },
    });
    const channel = await prisma.channel.findFirstOrThrow({ where: { status: "connected" } });
    await prisma.channel.update({
      where: { id: channel.id },
      data: { status: "needs_reconnect", statusReason: "token expired" },
    });
    const body = await health();
    const queue = (name: string) => body.queues.find((q: { queue: string }) => q.queue === name);
    expect(queue("dead_letters").depth).toBe(await prisma.inboxDeadLetter.count({ where: { resolution: null } }));
    expect(queue("webhook_receipts").depth).toBe(
      await prisma.webhookReceipt.count({ where: { processedAt: null, source: { not: "email" } } }),
    );
    expect(queue("notification_emails").depth).toBe(
      await prisma.notification.count({ where: { emailDueAt: { lte: new Date() } } }),
    );
    for (const [key, status] of [
      ["connected", "connected"],
      ["needsReconnect", "needs_reconnect"],
      ["disabled", "disabled"],
    ] as const)
      expect(body.channels[key], status).toBe(await prisma.channel.count({ where: { status } }));
    expect(body.channels.toReconnect).toContainEqual(
      expect.objectContaining({ id: channel.id, name: channel.name, statusReason: "token expired" }),
    );
  });

  it("lists the background jobs with their last runs, also those of other processes", async () => {
    await siar.services.prisma.jobRun.create({
      data: {
        name: "a job of another process",
        startedAt: new Date("2026-12-01T01:00:00Z"),
        finishedAt: new Date("2026-12-01T01:00:02Z"),
        lastError: "Error: it broke",
        lastFailedAt: new Date("2026-12-01T01:00:02Z"),
        process: "other-host:42",
      },
    });
    const body = await health();
    const names = body.jobs.map((job: { name: string }) => job.name);
    expect(names).toEqual(expect.arrayContaining(["publishing", "inbox polling", "housekeeping"]));
    const other = body.jobs.find((job: { name: string }) => job.name === "a job of another process");
    expect(other).toMatchObject({ process: "other-host:42", lastError: "Error: it broke", running: false });
    // The backfill runs once at start: its run is shown and kept in the database for the other processes.
    let backfill: { finishedAt: string | null; process: string } | undefined;
    for (let attempt = 0; attempt < 50 && !backfill?.finishedAt; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      backfill = (await health()).jobs.find((job: { name: string }) => job.name === "working minutes backfill");
    }
    expect(backfill?.finishedAt).toBeTruthy();
    const row = await siar.services.prisma.jobRun.findUniqueOrThrow({ where: { name: "working minutes backfill" } });
    expect(row.finishedAt.toISOString()).toBe(backfill!.finishedAt);
    expect(row.process).toBe(backfill!.process);
  });

  it("measures the store's folders and finds the newest backup", async () => {
    const backups = siar.services.config.backup.dir;
    fs.mkdirSync(backups, { recursive: true });
    fs.writeFileSync(path.join(backups, "siar-backup-20261201T010000Z.tar.gz"), "old");
    fs.writeFileSync(path.join(backups, "siar-backup-20261205T010000Z.tar.gz"), "newest");
    const body = await health();
    expect(body.disk).toContainEqual(
      expect.objectContaining({ folder: "health-uploads", bytes: 1234, files: 2, complete: true }),
    );
    expect(body.storage).toEqual({ kind: "local", location: siar.services.config.dataDir, problem: null });
    expect(body.backup.latest).toMatchObject({ file: "siar-backup-20261205T010000Z.tar.gz", bytes: 6 });
    expect(body.backup.dir).toBe(backups);
  });
});
