import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { loadConfig } from "../../server/config.js";
import { startSiar, type RunningSiar } from "../../server/server.js";

export type TestSiar = RunningSiar & { databaseName?: string };

/**
 * Starts the real server on 127.0.0.1 with a database of its own, seeded with the demo
 * organisation: a copy of the PGlite template, or a fresh database on the PostgreSQL server
 * named by DATABASE_URL (the CI's PostgreSQL run).
 */
export async function startTestSiar(env: Record<string, string> = {}): Promise<TestSiar> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-test-"));
  const base = { NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", SIAR_DATA_DIR: dataDir, LOG_LEVEL: "silent", SIAR_DEMO: "true", ...env };
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const template = fs.readFileSync(inject("pgliteTemplate"));
    const pglite = await PGlite.create({ loadDataDir: new Blob([template]) });
    const siar = await startSiar(loadConfig(base), { pglite });
    return withCleanup(siar, async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  }
  const databaseName = `siar_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${databaseName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const siar = await startSiar(
    loadConfig({
      ...base,
      DATABASE_URL: url.toString(),
      SIAR_SESSION_SECRET: randomBytes(32).toString("base64url"),
      SIAR_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    }),
  );
  return {
    ...withCleanup(siar, async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }),
    databaseName,
  };
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

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
