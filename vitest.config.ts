import { defineConfig } from "vitest/config";

// One project per test layer so CI can run, for example, only unit+api against PostgreSQL.
export default defineConfig({
  // Imports such as "@server/db/client.js" resolve through tsconfig.json's paths, as in tsx and tsc.
  resolve: { tsconfigPaths: true },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ["tests/helpers/globalSetup.ts"],
    // Fails a test whose code runs queries in parallel on one PostgreSQL connection (a transaction's).
    setupFiles: ["tests/helpers/serialQueries.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      { extends: true, test: { name: "api", include: ["tests/api/**/*.test.ts"] } },
      { extends: true, test: { name: "sandbox", include: ["tests/sandbox/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "browser", include: ["tests/browser/**/*.test.ts"], fileParallelism: false },
      },
    ],
  },
});
