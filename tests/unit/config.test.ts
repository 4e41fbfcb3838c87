import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@server/config.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration from the environment", () => {
  it("defaults to port 3000, the embedded database in ./data and demo mode", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe("pglite");
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.demo).toBe(true);
    expect(config.publicBaseUrl).toBe("http://localhost:3000");
  });

  it("names the variable and what it expects when a value is wrong", () => {
    const problems = problemsOf({ PORT: "tiga ribu", LOG_LEVEL: "loud", SIAR_DEMO: "maybe" });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: expected a port number between 1 and 65535 \(got "tiga ribu"\)/),
        expect.stringMatching(/^LOG_LEVEL: expected one of/),
        expect.stringMatching(/^SIAR_DEMO: expected true or false/),
      ]),
    );
  });

  it("reads extra socket origins as bare origins, and names a value with a path or another scheme", () => {
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    expect(
      loadConfig({ SIAR_ALLOWED_ORIGINS: "https://humas.example.go.id, http://10.0.0.5:3000/" }).allowedOrigins,
    ).toEqual(["https://humas.example.go.id", "http://10.0.0.5:3000"]);
    for (const value of ["https://siar.example.go.id/app", "ftp://siar.example.go.id", "siar.example.go.id", " , "]) {
      expect(problemsOf({ SIAR_ALLOWED_ORIGINS: value })).toEqual([
        expect.stringMatching(/^SIAR_ALLOWED_ORIGINS: expected web origins separated by commas/),
      ]);
    }
  });

  it("reads the sign-in budgets, with defaults", () => {
    expect(loadConfig({}).login).toEqual({
      maxFailures: 5,
      windowMinutes: 15,
      perIpLimit: 30,
      perAccountLimit: 20,
      knownAddressDays: 90,
    });
    expect(problemsOf({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "0", LOGIN_LOCKOUT_MINUTES: "2000" })).toEqual([
      expect.stringMatching(/^LOGIN_LOCKOUT_MINUTES: expected a whole number of minutes from 1 to 1440/),
      expect.stringMatching(/^LOGIN_MAX_FAILURES_PER_ACCOUNT: expected a whole number of failed attempts/),
    ]);
  });

  it("needs the Login for Business configuration with a Meta app, and reads the Graph API version", () => {
    const app = { META_APP_ID: "880011223344556", META_APP_SECRET: "0123456789abcdef0123456789abcdef" };
    expect(problemsOf(app)).toEqual([expect.stringMatching(/^META_LOGIN_CONFIG_ID: required with META_APP_ID/)]);
    const config = loadConfig({ ...app, META_LOGIN_CONFIG_ID: "1200334455667788" });
    expect(config.oauth.meta).toMatchObject({ loginConfigId: "1200334455667788" });
    expect(config.graphApiVersion).toBe("v26.0");
    expect(loadConfig({ META_GRAPH_API_VERSION: "v27.0" }).graphApiVersion).toBe("v27.0");
    expect(problemsOf({ META_GRAPH_API_VERSION: "26" })).toEqual([
      expect.stringMatching(/^META_GRAPH_API_VERSION: expected a Graph API version such as v26.0/),
    ]);
  });

  it("keeps public pages 20 s in 64 MB by default, at most 30 s so that an edit shows within a minute", () => {
    expect(loadConfig({}).pageCache).toEqual({ ttlSeconds: 20, maxBytes: 64 * 1024 * 1024 });
    expect(loadConfig({ SIAR_PAGE_CACHE_SECONDS: "0", SIAR_PAGE_CACHE_MB: "8" }).pageCache).toEqual({
      ttlSeconds: 0,
      maxBytes: 8 * 1024 * 1024,
    });
    expect(problemsOf({ SIAR_PAGE_CACHE_SECONDS: "60", SIAR_PAGE_CACHE_MB: "0" })).toEqual([
      'SIAR_PAGE_CACHE_SECONDS: expected a whole number of seconds from 0 to 30 (got "60")',
      'SIAR_PAGE_CACHE_MB: expected a whole number of megabytes (got "0")',
    ]);
  });

  it("rejects a database URL that is not PostgreSQL", () => {
    expect(problemsOf({ DATABASE_URL: "mysql://x@y/z" })).toEqual([
      expect.stringMatching(/^DATABASE_URL: expected a PostgreSQL URL/),
    ]);
  });

  it("requires explicit secrets with PostgreSQL, where several processes must agree on them", () => {
    const problems = problemsOf({ DATABASE_URL: "postgres://siar:pw@db:5432/siar" });
    expect(problems).toEqual([
      expect.stringMatching(/^SIAR_SESSION_SECRET: required/),
      expect.stringMatching(/^SIAR_ENCRYPTION_KEY: required/),
    ]);
    const short = problemsOf({
      DATABASE_URL: "postgres://siar:pw@db:5432/siar",
      SIAR_SESSION_SECRET: "short",
      SIAR_ENCRYPTION_KEY: "abc",
    });
    expect(short).toEqual([
      expect.stringMatching(/^SIAR_SESSION_SECRET: expected at least 32/),
      expect.stringMatching(/^SIAR_ENCRYPTION_KEY: expected 32 random bytes/),
    ]);
  });

  it("turns demo mode off by default on PostgreSQL", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://siar:pw@db:5432/siar",
      SIAR_SESSION_SECRET: "x".repeat(40),
      SIAR_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://siar:pw@db:5432/siar" });
    expect(config.demo).toBe(false);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(3000);
  });
});

describe("the platform sandbox setting", () => {
  it("simulates channels in demo mode, but never in production unless explicitly enabled", () => {
    expect(loadConfig({}).sandbox).toMatchObject({ enabled: true, explicitlyEnabled: false });
    expect(loadConfig({ NODE_ENV: "production" }).sandbox.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SIAR_SANDBOX: "true" }).sandbox).toMatchObject({
      enabled: true,
      explicitlyEnabled: true,
    });
    expect(loadConfig({ SIAR_DEMO: "false" }).sandbox.enabled).toBe(false);
  });
});

describe("configuration errors and secrets", () => {
  it("never echoes a value that may hold a password", () => {
    const problems = problemsOf({
      SMTP_URL: "ftp://user:Rahasia123@mail",
      DATABASE_URL: "mysql://siar:Rahasia123@db/siar",
    });
    expect(problems.join("\n")).not.toContain("Rahasia123");
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SMTP_URL: /), expect.stringMatching(/^DATABASE_URL: /)]),
    );
  });
});
