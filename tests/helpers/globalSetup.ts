import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { loadConfig } from "@server/config.js";
import { startSiar } from "@server/server.js";
import { ensureModelFile } from "@server/triage/shippedModel.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Starting PGlite runs initdb (seconds); instead, migrate and seed one database once and let
 * every test file start from a copy of its data folder (a fraction of a second).
 */
export default async function setup(project: TestProject) {
  // Every test process reads the triage model from its file instead of training it (seconds) again.
  ensureModelFile();
  if (process.env.DATABASE_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-template-"));
  const pglite = new PGlite();
  const siar = await startSiar(
    loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      SIAR_DATA_DIR: dir,
      LOG_LEVEL: "silent",
      SIAR_DEMO: "true",
    }),
    { pglite },
  );
  const dump = await pglite.dumpDataDir("none");
  await siar.close();
  const file = path.join(dir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
