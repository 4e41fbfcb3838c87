import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@server/db/client.js";
import { migrate, MigrationError, migrationStatus, readMigrations } from "@server/db/migrate.js";

let db: Database | undefined;
afterEach(async () => db?.close());

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function tables(database: Database): Promise<string[]> {
  const conn = await database.connect();
  const rows = await conn.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

describe("the migration runner", () => {
  it("applies pending migrations once, recording them as Prisma does", async () => {
    const dir = migrationsDir({
      "001_a": "CREATE TABLE a (id int);",
      "002_b": "CREATE TABLE b (id int);\nCREATE INDEX b_id ON b(id);",
    });
    db = await openDatabase({ kind: "pglite", dataDir: "" }, { pglite: new PGlite() });
    expect(await migrate(db, dir)).toEqual({ applied: ["001_a", "002_b"] });
    expect(await migrate(db, dir)).toEqual({ applied: [] });
    const conn = await db.connect();
    const history = await conn.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(history.map((row) => row.migration_name)).toEqual(["001_a", "002_b"]);
    expect(history[0]!.checksum).toBe(createHash("sha256").update("CREATE TABLE a (id int);").digest("hex"));
    expect(history.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("rolls a failing migration back whole and stops, leaving earlier ones in place", async () => {
    const dir = migrationsDir({
      "001_ok": "CREATE TABLE kept (id int);",
      "002_broken": "CREATE TABLE half (id int);\nINSERT INTO missing_table VALUES (1);",
      "003_later": "CREATE TABLE later (id int);",
    });
    db = await openDatabase({ kind: "pglite", dataDir: "" }, { pglite: new PGlite() });
    const failure = await migrate(db, dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migration).toBe("002_broken");
    expect((failure as Error).message).toMatch(/missing_table/);
    expect(await tables(db)).toEqual(["_prisma_migrations", "kept"]);
    expect((await migrationStatus(db, dir)).map((m) => [m.name, m.applied])).toEqual([
      ["001_ok", true],
      ["002_broken", false],
      ["003_later", false],
    ]);
  });

  it("reports a migration whose file changed after it was applied", async () => {
    const dir = migrationsDir({ "001_a": "CREATE TABLE a (id int);" });
    db = await openDatabase({ kind: "pglite", dataDir: "" }, { pglite: new PGlite() });
    await migrate(db, dir);
    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), "CREATE TABLE a (id bigint);");
    expect(await migrationStatus(db, dir)).toEqual([{ name: "001_a", applied: true, checksumMatches: false }]);
  });

  it("has a migration for every change to the schema (the migrated snapshot equals schema.prisma)", () => {
    // The snapshot is what db:new-migration diffs from; a schema edit without a migration leaves them apart.
    const sql = execFileSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--from-schema-datamodel",
        "prisma/migrated.prisma",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      {
        encoding: "utf8",
      },
    );
    expect(sql).not.toMatch(/^(CREATE|ALTER|DROP)/m);
  }, 60_000);

  it("finds the project's own migrations in order", () => {
    const names = readMigrations().map((m) => m.name);
    expect(names[0]).toBe("20261121000000_init");
    expect(names).toEqual([...names].sort());
  });
});
