import fs from "node:fs";
import path from "node:path";
import { extract } from "tar";
import type { Config } from "@server/config.js";
import { openDatabase } from "@server/db/client.js";
import { readMigrations } from "@server/db/migrate.js";
import { type FileStore, fileStore } from "@server/storage/fileStore.js";
import {
  createBackup,
  FILES_FOLDER,
  filesUnder,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  type Manifest,
  sha256File,
} from "./archive.js";
import { databaseHasTables, restorePGlite, restorePostgres } from "./database.js";

/** A restore that cannot go ahead: the message says why and what to do. */
export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

export type RestoreResult = { manifest: Manifest; files: number; safetyBackup?: string };

/** Unpacks an archive into `dir` and checks it whole before anything is touched. */
async function unpackChecked(archive: string, dir: string, config: Config): Promise<Manifest> {
  await extract({ file: archive, cwd: dir, strict: true });
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) throw new RestoreRefused(`${archive} is not a Siar backup (no ${MANIFEST_FILE})`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) throw new RestoreRefused(`unknown backup format ${manifest.format}`);
  const present = filesUnder(dir).filter((file) => file !== MANIFEST_FILE);
  for (const file of new Set([...present, ...Object.keys(manifest.checksums)])) {
    const expected = manifest.checksums[file];
    if (!expected || !fs.existsSync(path.join(dir, file)) || sha256File(path.join(dir, file)) !== expected)
      throw new RestoreRefused(`the archive is damaged: ${file} does not match its checksum in the manifest`);
  }
  if (manifest.database.kind !== config.database.kind) {
    throw new RestoreRefused(
      `the backup is of a ${manifest.database.kind} database and this installation uses ${config.database.kind}`,
    );
  }
  const known = new Set(readMigrations().map((m) => m.name));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new RestoreRefused(
      `the backup is from a newer Siar (${manifest.siarVersion}; migrations this version does not have: ${unknown.join(", ")}); install that version or newer first`,
    );
  }
  return manifest;
}

async function storeHoldsFiles(store: FileStore): Promise<boolean> {
  for await (const _file of store.list()) return true;
  return false;
}

/** Whether the installation holds anything a restore would replace: a database with tables, or stored files. */
async function installationInUse(config: Config): Promise<boolean> {
  if (await storeHoldsFiles(fileStore(config))) return true;
  if (config.database.kind === "pglite") {
    const dir = config.database.dataDir;
    return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
  }
  const db = await openDatabase(config.database);
  try {
    return await databaseHasTables(db);
  } finally {
    await db.close();
  }
}

/**
 * Restores an archive into this installation (Siar stopped). An installation in use is refused
 * unless `force`; then it is first backed up itself (the archive's path is returned) and replaced.
 * Migrations newer than the backup apply at Siar's next start, as after any upgrade.
 */
export async function restoreBackup(config: Config, archive: string, force = false): Promise<RestoreResult> {
  const store = fileStore(config);
  await store.open();
  fs.mkdirSync(config.backup.dir, { recursive: true });
  const unpacked = fs.mkdtempSync(path.join(config.backup.dir, ".restore-"));
  try {
    const manifest = await unpackChecked(archive, unpacked, config);
    let safetyBackup: string | undefined;
    if (await installationInUse(config)) {
      if (!force) {
        throw new RestoreRefused(
          "this installation already has data (database tables or uploaded files); restore into an empty one, or add --force to replace it (it is backed up first)",
        );
      }
      const db = await openDatabase(config.database);
      try {
        safetyBackup = await createBackup(config, db);
      } finally {
        await db.close();
      }
      const stored: string[] = [];
      for await (const { key } of store.list()) stored.push(key);
      for (const key of stored) await store.delete(key);
      if (config.database.kind === "pglite") fs.rmSync(config.database.dataDir, { recursive: true, force: true });
    }

    const databaseFile = path.join(unpacked, manifest.database.file);
    if (config.database.kind === "pglite") {
      await restorePGlite(config.database.dataDir, databaseFile);
    } else {
      const db = await openDatabase(config.database);
      try {
        await restorePostgres(config.database.url, db, databaseFile);
      } finally {
        await db.close();
      }
    }
    // Into whichever store this installation uses: a backup of the data folder restores into a bucket and back.
    const filesDir = path.join(unpacked, FILES_FOLDER);
    const keys = fs.existsSync(filesDir) ? filesUnder(filesDir).map((file) => file.split(path.sep).join("/")) : [];
    for (const key of keys) await store.put(key, fs.readFileSync(path.join(filesDir, key)));
    const files = keys.length;
    return { manifest, files, safetyBackup };
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}
