import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createBackup, pruneBackups, sha256File } from "@server/backup/archive.js";
import { RestoreRefused, restoreBackup } from "@server/backup/restore.js";
import { loadConfig } from "@server/config.js";
import { type Database, openDatabase } from "@server/db/client.js";
import { runScheduledBackup } from "@server/jobs/scheduledBackup.js";
import { startSiar } from "@server/server.js";
import { fileStore } from "@server/storage/fileStore.js";
import { signedIn } from "../helpers/client.js";
import { emptyInstallation } from "../helpers/installation.js";
import { startTestSiar } from "../helpers/siar.js";

// Back up a running demo installation, wipe it, restore into an empty one, and find every row and
// every uploaded file again. PGlite by default; PostgreSQL (pg_dump/pg_restore) when DATABASE_URL is set.

const run = promisify(execFile);
const onPostgres = Boolean(process.env.DATABASE_URL);
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-backup-"));
  temporary.push(dir);
  return dir;
}

/** Rows per table, but JobRun's (every background job's run writes one). */
async function rowCounts(db: Database): Promise<Record<string, number>> {
  const conn = await db.connect();
  try {
    const tables = await conn.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'JobRun' ORDER BY tablename",
    );
    const counts: Record<string, number> = {};
    for (const { tablename } of tables) {
      const [row] = await conn.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${tablename}"`);
      counts[tablename] = row!.n;
    }
    return counts;
  } finally {
    await conn.release();
  }
}

function writeUpload(dataDir: string, file: string, content: Buffer): void {
  fs.mkdirSync(path.dirname(path.join(dataDir, file)), { recursive: true });
  fs.writeFileSync(path.join(dataDir, file), content);
}

const UPLOADS = {
  "media/2026/12/poster.jpg": randomBytes(50_000),
  "citizen-photos/ab/cd/banjir.jpg": randomBytes(20_000),
  "ppid-files/keberatan.pdf": randomBytes(5_000),
};

describe(`backup and restore (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("restores every record and file into an empty installation, and nothing secret is in the archive", async () => {
    const siar = await startTestSiar({ BACKUP_DIR: tempDir() });
    const { config } = siar.services;
    for (const [file, content] of Object.entries(UPLOADS)) writeUpload(config.dataDir, file, content);
    const before = await rowCounts(siar.services.db);
    const uploaded: string[] = [];
    for await (const { key } of fileStore(config).list()) uploaded.push(key);
    expect(uploaded.length).toBeGreaterThanOrEqual(Object.keys(UPLOADS).length);
    const archive = await createBackup(config, siar.services.db);
    // Background jobs (polling, audit of their work) may add rows while the backup is made.
    const after = await rowCounts(siar.services.db);
    await siar.close(); // the wipe: its data folder (and on PostgreSQL its database) are gone

    const listing = (await run("tar", ["-tzf", archive])).stdout.split("\n").filter(Boolean);
    expect(listing).toContain("manifest.json");
    expect(listing).toContain(onPostgres ? "database.pgdump" : "database.pglite.tar.gz");
    expect(listing).toEqual(expect.arrayContaining(Object.keys(UPLOADS).map((file) => `files/${file}`)));
    expect(listing.some((entry) => /secrets\.json|first-admin-password/.test(entry))).toBe(false);
    const manifestText = (await run("tar", ["-xzOf", archive, "manifest.json"])).stdout;
    const manifest = JSON.parse(manifestText);
    expect(manifest).toMatchObject({ format: 1, siarVersion: "0.1.0", database: { kind: config.database.kind } });
    expect(manifest.migrations.length).toBeGreaterThan(10);
    // Background jobs may add files meanwhile: everything there before the backup is in it.
    const archived = Object.keys(manifest.checksums).filter((file) => file.startsWith("files/"));
    expect(archived).toEqual(expect.arrayContaining(uploaded.map((file) => `files/${file}`)));
    const tarBytes = gunzipSync(fs.readFileSync(archive));
    for (const secret of [config.secrets.sessionSecret, config.secrets.encryptionKey].filter(Boolean))
      expect(tarBytes.includes(Buffer.from(secret!))).toBe(false);

    const target = await emptyInstallation(config);
    try {
      const restoredConfig = loadConfig(target.env);
      const result = await restoreBackup(restoredConfig, archive);
      expect(result.files).toBe(archived.length);
      // Counted before Siar starts on it and its jobs write: what the archive held, between the two counts.
      const restoredDb = await openDatabase(restoredConfig.database);
      const counts = await rowCounts(restoredDb).finally(() => restoredDb.close());
      expect(Object.keys(counts)).toEqual(Object.keys(before));
      for (const [table, count] of Object.entries(counts)) {
        expect(count, table).toBeGreaterThanOrEqual(before[table]!);
        expect(count, table).toBeLessThanOrEqual(after[table]!);
      }
      const restored = await startSiar(restoredConfig);
      try {
        for (const [file, content] of Object.entries(UPLOADS))
          expect(fs.readFileSync(path.join(restoredConfig.dataDir, file)).equals(content), file).toBe(true);
        for (const file of archived)
          expect(sha256File(path.join(restoredConfig.dataDir, file.slice("files/".length))), file).toBe(
            manifest.checksums[file],
          );
        // A demo user signs in to the restored installation with the password they had.
        const client = await signedIn(restored.url, "humas@sanggau.demo");
        expect((await client.get("/api/auth/session")).status).toBe(200);
      } finally {
        await restored.close();
      }

      // Now it is in use: a second restore is refused, unless forced, which keeps the present state first.
      const refused = await run("npx", ["tsx", "server/backup/cli.ts", "restore", archive], {
        env: { ...process.env, DATABASE_URL: "", ...target.env },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Restore refused: .*add --force/) });
      await expect(restoreBackup(restoredConfig, archive)).rejects.toThrow(RestoreRefused);
      const forced = await restoreBackup(restoredConfig, archive, true);
      expect(forced.safetyBackup && fs.existsSync(forced.safetyBackup)).toBe(true);
    } finally {
      await target.drop();
    }
  }, 240_000);

  it("refuses a damaged archive before touching anything", async () => {
    const siar = await startTestSiar({ BACKUP_DIR: tempDir() });
    const archive = await createBackup(siar.services.config, siar.services.db);
    await siar.close();
    const work = tempDir();
    await run("tar", ["-xzf", archive, "-C", work]);
    const manifestPath = path.join(work, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
    manifest.migrations.push("29991231000000_from_the_future");
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    const newer = path.join(work, "newer.tar.gz");
    const entries = fs.readdirSync(work);
    await run("tar", ["-czf", newer, "-C", work, ...entries]);
    const target = await emptyInstallation(siar.services.config);
    try {
      const config = loadConfig(target.env);
      await expect(restoreBackup(config, newer)).rejects.toThrow(/newer Siar.*from_the_future/);
      fs.appendFileSync(path.join(work, manifest.database.file), "x");
      manifest.migrations.pop();
      fs.writeFileSync(manifestPath, JSON.stringify(manifest));
      const damaged = path.join(work, "damaged.tar.gz");
      await run("tar", ["-czf", damaged, "-C", work, ...entries]);
      await expect(restoreBackup(config, damaged)).rejects.toThrow(/damaged/);
      expect(fs.existsSync(path.join(config.dataDir, "db"))).toBe(false);
    } finally {
      await target.drop();
    }
  }, 240_000);

  it("makes the scheduled backup once per slot across processes and keeps the newest BACKUP_KEEP", async () => {
    const dir = tempDir();
    const siar = await startTestSiar({ BACKUP_DIR: dir, BACKUP_KEEP: "2" });
    try {
      for (const name of ["siar-backup-20200101T000000Z.tar.gz", "siar-backup-20200102T000000Z.tar.gz"])
        fs.writeFileSync(path.join(dir, name), "old");
      const at = new Date("2026-12-06T18:30:05Z");
      const [first, second] = await Promise.all([
        runScheduledBackup(siar.services, at),
        runScheduledBackup(siar.services, new Date(at.getTime() + 20_000)),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await runScheduledBackup(siar.services, at)).toBeNull();
      const kept = fs.readdirSync(dir).filter((name) => name.endsWith(".tar.gz"));
      expect(kept).toEqual(["siar-backup-20200102T000000Z.tar.gz", "siar-backup-20261206T183005Z.tar.gz"]);
      expect(pruneBackups(dir, 1)).toEqual(["siar-backup-20200102T000000Z.tar.gz"]);
    } finally {
      await siar.close();
    }
  }, 120_000);
});
