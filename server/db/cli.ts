import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "@server/config.js";
import { openDatabase } from "./client.js";
import { migrate, MIGRATIONS_DIR, migrationStatus, readMigrations } from "./migrate.js";

// `npm run db:<command>`: migrate, status, seed (the server seeds on start; this does it without
// starting), and new-migration <name> (authors SQL offline from the schema change).
const [command, name] = process.argv.slice(2);
const SCHEMA = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
/** The schema as the migrations leave it: the next migration is the difference from it (git keeps its history). */
const MIGRATED_SCHEMA = path.resolve(import.meta.dirname, "../../prisma/migrated.prisma");

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig().database);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Writes the SQL from the migrated schema to the current one, then records the current one as migrated. */
function newMigration(label: string | undefined): void {
  if (!label || !/^[a-z0-9_]+$/.test(label)) throw new Error("usage: npm run db:new-migration <name_in_snake_case>");
  const from = readMigrations().length > 0 ? ["--from-schema-datamodel", MIGRATED_SCHEMA] : ["--from-empty"];
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script"], {
    encoding: "utf8",
  });
  if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
    console.log("The schema has not changed since the last migration; nothing written.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${label}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.copyFileSync(SCHEMA, MIGRATED_SCHEMA);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql; review it, then start Siar to apply it.`);
}

try {
  switch (command) {
    case "migrate": {
      const { applied } = await withDatabase((db) => migrate(db));
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply.");
      break;
    }
    case "status": {
      const status = await withDatabase((db) => migrationStatus(db));
      for (const m of status)
        console.log(
          `${m.applied ? "applied" : "pending"}  ${m.name}${m.checksumMatches ? "" : "  (file changed after it was applied!)"}`,
        );
      break;
    }
    case "seed": {
      const { startSiar } = await import("@server/server.js");
      const siar = await startSiar({ ...loadConfig(), port: 0, host: "127.0.0.1", demo: true });
      await siar.close();
      console.log("Demo organisation present.");
      break;
    }
    case "new-migration":
      newMigration(name);
      break;
    default:
      console.error("usage: tsx server/db/cli.ts migrate|status|seed|new-migration <name>");
      process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
