import { ConfigError, loadConfig } from "@server/config.js";
import { openDatabase } from "@server/db/client.js";
import { FileStoreError } from "@server/storage/fileStore.js";
import { createBackup } from "./archive.js";
import { RestoreRefused, restoreBackup } from "./restore.js";

// `npm run backup` and `npm run restore -- FILE [--force]`. With the embedded database, stop Siar
// first: one process at a time may open PGlite's folder. On PostgreSQL a backup may run while
// Siar runs; a restore needs it stopped.
const [command, ...args] = process.argv.slice(2);

try {
  const config = loadConfig();
  if (command === "backup") {
    const db = await openDatabase(config.database);
    try {
      console.log(`Backup written: ${await createBackup(config, db)}`);
    } finally {
      await db.close();
    }
  } else if (command === "restore") {
    const file = args.find((arg) => !arg.startsWith("--"));
    if (!file) throw new RestoreRefused("usage: npm run restore -- <archive.tar.gz> [--force]");
    const { manifest, files, safetyBackup } = await restoreBackup(config, file, args.includes("--force"));
    if (safetyBackup) console.log(`The installation as it was is kept in ${safetyBackup}`);
    console.log(
      `Restored the backup of ${manifest.createdAt} (Siar ${manifest.siarVersion}, ${manifest.migrations.length} migrations, ${files} files). Start Siar with the same SIAR_ENCRYPTION_KEY and SIAR_SESSION_SECRET as before.`,
    );
  } else {
    throw new RestoreRefused("usage: backup | restore <archive.tar.gz> [--force]");
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof RestoreRefused || error instanceof FileStoreError) {
    console.error(`${command === "restore" ? "Restore" : "Backup"} refused: ${error.message}`);
  } else {
    console.error(`${command === "restore" ? "Restore" : "Backup"} failed:`, error);
  }
  process.exitCode = 1;
}
