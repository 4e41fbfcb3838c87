import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Config } from "@server/config.js";
import { adminQuery } from "./postgres.js";

/**
 * A second, empty installation to restore into, with the secrets of `source`: a new data folder,
 * and on the PostgreSQL run (DATABASE_URL) a new database. `drop` removes both.
 */
export async function emptyInstallation(
  source: Config,
  env: Record<string, string> = {},
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-restore-"));
  const base: Record<string, string> = {
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    SIAR_DEMO: "true",
    SIAR_SANDBOX: "false",
    SIAR_DATA_DIR: dataDir,
    SIAR_SESSION_SECRET: source.secrets.sessionSecret ?? "",
    SIAR_ENCRYPTION_KEY: source.secrets.encryptionKey ?? "",
    ...env,
  };
  const removeFolder = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { env: base, drop: removeFolder };
  const name = `siar_restore_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { ...base, DATABASE_URL: url.toString() },
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await removeFolder();
    },
  };
}
