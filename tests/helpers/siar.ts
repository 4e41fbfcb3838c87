import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "pino";
import { inject } from "vitest";
import { loadConfig } from "@server/config.js";
import { startSiar, type RunningSiar } from "@server/server.js";
import { adminQuery } from "./postgres.js";

export type TestSiar = RunningSiar & { databaseName?: string };

/**
 * Starts the real server on 127.0.0.1 with a database of its own, seeded with the demo
 * organisation: a copy of the PGlite template, or a fresh database on the PostgreSQL server
 * named by DATABASE_URL (the CI's PostgreSQL run). `emptyDatabase`: a new PGlite instead of the
 * template, for first starts (on PostgreSQL every database is new).
 */
export async function startTestSiar(
  env: Record<string, string> = {},
  options: { logger?: Logger; emptyDatabase?: boolean } = {},
): Promise<TestSiar> {
  if (process.env.DATABASE_URL) return (await startTestSiarsOnPostgres(1, env, options))[0]!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-test-"));
  // An empty database (a first start) costs PGlite's initdb, seconds; the template is already seeded.
  const pglite = options.emptyDatabase
    ? await PGlite.create()
    : await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]) });
  const siar = await startSiar(loadConfig({ ...testEnv(dataDir), ...env }), { pglite, logger: options.logger });
  return withCleanup(siar, async () => removeDataDir(dataDir));
}

/** A write still finishing after close (a media variant) may fill a folder as it is removed: try again. */
const removeDataDir = (dataDir: string) => fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });

function testEnv(dataDir: string): Record<string, string> {
  return {
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    SIAR_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SIAR_DEMO: "true",
    SIAR_SANDBOX: "false",
  };
}

/**
 * Starts `count` servers at once on one fresh PostgreSQL database, as several processes of a
 * deployment would; closing the last one drops the database.
 */
export async function startTestSiarsOnPostgres(
  count: number,
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestSiar[]> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("startTestSiarsOnPostgres needs DATABASE_URL");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-test-"));
  const databaseName = `siar_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${databaseName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const config = loadConfig({
    ...testEnv(dataDir),
    DATABASE_URL: url.toString(),
    SIAR_SESSION_SECRET: randomBytes(32).toString("base64url"),
    SIAR_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    ...env,
  });
  const servers = await Promise.all(Array.from({ length: count }, () => startSiar(config, options)));
  let open = servers.length;
  return servers.map((siar) => ({
    ...withCleanup(siar, async () => {
      if (--open > 0) return;
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      removeDataDir(dataDir);
    }),
    databaseName,
  }));
}

function withCleanup(siar: RunningSiar, cleanup: () => Promise<void>): RunningSiar {
  return {
    ...siar,
    close: async () => {
      await siar.close();
      await cleanup();
    },
  };
}
