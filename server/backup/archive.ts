import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { create } from "tar";
import type { Config } from "@server/config.js";
import type { Database } from "@server/db/client.js";
import { type FileStore, fileStore } from "@server/storage/fileStore.js";
import { DATABASE_FILE, dumpDatabase } from "./database.js";

// One backup is one .tar.gz: manifest.json, the database (database.pgdump or
// database.pglite.tar.gz), and files/ with every stored file (media, citizen photos, PPID and
// DIP files) read through the configured store, the data folder or the S3 bucket, under its key.
// Secrets never go in: not secrets.json, not the first administrator's password file, and the
// environment is not read.

export const ARCHIVE_PREFIX = "siar-backup-";
export const MANIFEST_FILE = "manifest.json";
export const FILES_FOLDER = "files";
export const MANIFEST_FORMAT = 1;

export type Manifest = {
  format: number;
  siarVersion: string;
  createdAt: string;
  database: { kind: Database["kind"]; file: string };
  /** The migrations the database had, in order: a restore needs a Siar that knows each. */
  migrations: string[];
  /** Every file of the archive but the manifest, by its path in the archive. */
  checksums: Record<string, string>;
};

export function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Every regular file under `dir`, as paths relative to `root`. */
export function filesUnder(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(root, full);
    return entry.isFile() ? [path.relative(root, full)] : [];
  });
}

/**
 * Copies one stored file into the stage as it is now, while Siar keeps writing (stores replace a
 * file whole, never in place), and returns its SHA-256; null when it was removed meanwhile.
 */
async function takeFile(store: FileStore, key: string, staged: string): Promise<string | null> {
  const body = await store.stream(key);
  if (!body) return null;
  fs.mkdirSync(path.dirname(staged), { recursive: true });
  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(body, hashing, fs.createWriteStream(staged, { mode: 0o600 }));
  return hash.digest("hex");
}

/** The version in package.json, as installed. */
export function siarVersion(): string {
  const manifest = path.resolve(import.meta.dirname, "../../package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

async function appliedMigrations(db: Database): Promise<string[]> {
  const conn = await db.connect();
  try {
    const rows = await conn.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return rows.map((row) => row.migration_name);
  } finally {
    await conn.release();
  }
}

/**
 * Writes one archive of the database and the uploads into the backup folder and returns its
 * path. The database is read while Siar may be writing (pg_dump and PGlite's dump are consistent
 * snapshots); an upload arriving meanwhile may or may not be in it.
 */
export async function createBackup(config: Config, db: Database, now = new Date()): Promise<string> {
  fs.mkdirSync(config.backup.dir, { recursive: true });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const target = path.join(config.backup.dir, `${ARCHIVE_PREFIX}${stamp}.tar.gz`);
  // Staged beside the target, so the rename at the end is atomic and a half-written archive never has the final name.
  const stage = fs.mkdtempSync(path.join(config.backup.dir, ".staging-"));
  try {
    const databaseFile = DATABASE_FILE[db.kind];
    const databaseUrl = config.database.kind === "postgres" ? config.database.url : undefined;
    await dumpDatabase(db, databaseUrl, path.join(stage, databaseFile));
    const checksums: Record<string, string> = { [databaseFile]: sha256File(path.join(stage, databaseFile)) };
    const store = fileStore(config);
    let files = 0;
    for await (const { key } of store.list()) {
      const checksum = await takeFile(store, key, path.join(stage, FILES_FOLDER, ...key.split("/")));
      if (checksum === null) continue;
      checksums[`${FILES_FOLDER}/${key}`] = checksum;
      files++;
    }
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      siarVersion: siarVersion(),
      createdAt: now.toISOString(),
      database: { kind: db.kind, file: databaseFile },
      migrations: await appliedMigrations(db),
      checksums,
    };
    fs.writeFileSync(path.join(stage, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries = [MANIFEST_FILE, databaseFile, ...(files > 0 ? [FILES_FOLDER] : [])];
    const partial = path.join(stage, "archive.tar.gz");
    await create({ gzip: true, file: partial, cwd: stage, portable: true }, entries);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, target);
    return target;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** Deletes the oldest archives in the backup folder beyond the newest `keep`; returns what it deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const archives = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(ARCHIVE_PREFIX) && name.endsWith(".tar.gz"))
    .sort()
    .reverse();
  const old = archives.slice(keep);
  for (const name of old) fs.rmSync(path.join(dir, name));
  return old;
}
