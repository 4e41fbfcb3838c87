import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

// The native engines cannot be downloaded on our machines; the CLI only checks that these
// paths exist before it uses the JavaScript engine (see README, "Migrations").
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve("package.json");
process.env.PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK ??= "1";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  // Schema diffs are computed against a throw-away in-memory PGlite, so authoring a
  // migration needs no running database.
  adapter: async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite()) as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
