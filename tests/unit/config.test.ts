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

  it("keeps files in the data folder unless SIAR_STORAGE=s3 names a bucket and its keys", () => {
    expect(loadConfig({}).storage).toEqual({ kind: "local" });
    expect(problemsOf({ SIAR_STORAGE: "s3" })).toEqual([
      "S3_BUCKET: required with SIAR_STORAGE=s3",
      "S3_ACCESS_KEY_ID: required with SIAR_STORAGE=s3",
      "S3_SECRET_ACCESS_KEY: required with SIAR_STORAGE=s3",
    ]);
    expect(problemsOf({ S3_BUCKET: "siar" })).toEqual([
      expect.stringMatching(/^SIAR_STORAGE: set SIAR_STORAGE=s3 to use S3_BUCKET/),
    ]);
    const s3 = {
      SIAR_STORAGE: "s3",
      S3_BUCKET: "siar-media",
      S3_ACCESS_KEY_ID: "siar",
      S3_SECRET_ACCESS_KEY: "a-long-secret",
    };
    expect(loadConfig({ ...s3, S3_ENDPOINT: "http://minio:9000/" }).storage).toEqual({
      kind: "s3",
      endpoint: "http://minio:9000",
      region: "us-east-1",
      bucket: "siar-media",
      accessKeyId: "siar",
      secretAccessKey: "a-long-secret",
      forcePathStyle: true,
    });
    // Amazon S3 itself: no endpoint, virtual-hosted addresses.
    expect(loadConfig({ ...s3, S3_REGION: "ap-southeast-3" }).storage).toMatchObject({
      endpoint: undefined,
      forcePathStyle: false,
    });
    // The secret is never echoed.
    const problems = problemsOf({ ...s3, SIAR_STORAGE: "ftp", S3_BUCKET: "Siar_Media", S3_SECRET_ACCESS_KEY: "short" });
    expect(problems).toEqual([
      'SIAR_STORAGE: expected local or s3 (got "ftp")',
      expect.stringMatching(/^S3_BUCKET: expected a bucket name .* \(got "Siar_Media"\)$/),
      "S3_SECRET_ACCESS_KEY: expected the object store's secret key",
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

describe("production settings", () => {
  it("builds the PostgreSQL URL from PG* parts, encoding a password with @ : / # ?", async () => {
    const password = "p@ss:w/rd#1?x";
    const config = loadConfig({
      PGHOST: "db",
      PGUSER: "siar",
      PGPASSWORD: password,
      PGDATABASE: "siar",
      SIAR_SESSION_SECRET: "s".repeat(40),
      SIAR_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(config.database.kind).toBe("postgres");
    const url = (config.database as { url: string }).url;
    const { parse } = await import("pg-connection-string");
    expect(parse(url)).toMatchObject({ host: "db", port: "5432", user: "siar", password, database: "siar" });
    expect(config.demo).toBe(false);
  });

  it("prefers DATABASE_URL to the PG* parts and never echoes PGPASSWORD", () => {
    const secrets = { SIAR_SESSION_SECRET: "s".repeat(40), SIAR_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") };
    const config = loadConfig({ ...secrets, DATABASE_URL: "postgres://a:b@h:5432/x", PGHOST: "db" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://a:b@h:5432/x" });
    expect(problemsOf({ PGHOST: "db", PGPASSWORD: "hunter2-secret", PGPORT: "x" }).join("\n")).not.toContain("hunter2");
  });

  it("keeps the demo on 127.0.0.1 unless HOST is set; production listens everywhere", () => {
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0" })).toMatchObject({ host: "0.0.0.0", hostGiven: true });
    expect(loadConfig({ SIAR_DEMO: "false" }).host).toBe("0.0.0.0");
  });

  it("gives SIAR_DEMO=true its simulated channels even with NODE_ENV=production", () => {
    expect(loadConfig({ NODE_ENV: "production", SIAR_DEMO: "true" }).sandbox).toMatchObject({
      enabled: true,
      explicitlyEnabled: true,
    });
    expect(loadConfig({ NODE_ENV: "production", SIAR_DEMO: "true", SIAR_SANDBOX: "false" }).sandbox.enabled).toBe(
      false,
    );
    // Demo by default (no database given) in production still needs the sandbox asked for.
    expect(loadConfig({ NODE_ENV: "production" }).sandbox.enabled).toBe(false);
  });

  it("reads the backup schedule in five cron fields and the number of archives kept", () => {
    expect(loadConfig({}).backup).toMatchObject({ schedule: undefined, keep: 14 });
    expect(loadConfig({ SIAR_DATA_DIR: "/srv/siar" }).backup.dir).toBe("/srv/siar/backups");
    expect(loadConfig({ BACKUP_SCHEDULE: "30 1 * * *", BACKUP_KEEP: "7" }).backup).toMatchObject({
      schedule: "30 1 * * *",
      keep: 7,
    });
    expect(problemsOf({ BACKUP_SCHEDULE: "every night" })).toEqual([
      expect.stringMatching(/^BACKUP_SCHEDULE: expected a cron schedule of five fields/),
    ]);
  });
});
