import fs from "node:fs";
import { Ajv } from "ajv";
import express from "express";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@server/config.js";
import { interpolate, loadCompose, serviceEnvironment } from "../helpers/compose.js";

// docker-compose.yml read as `docker compose config` would (no Docker engine here): valid against
// the Compose Specification's JSON schema, and what it gives Siar is a secure, complete configuration.

const PASSWORD = "p@ss:w/rd#?x%";
const DOT_ENV = [
  "SIAR_DOMAIN=siar.example.go.id",
  "ACME_EMAIL=it@kominfo.example.go.id",
  `POSTGRES_PASSWORD=${PASSWORD}`,
  `SIAR_SESSION_SECRET=${"s".repeat(48)}`,
  `SIAR_ENCRYPTION_KEY=${Buffer.alloc(32, 9).toString("base64")}`,
  "SIAR_ADMIN_EMAIL=admin@kominfo.example.go.id",
  "SIAR_REGION=61.03",
  "# settings compose itself never names reach the app too",
  "SMTP_URL=smtp://siar:mail@mail.example.go.id:587",
  'SMTP_FROM="Siar <siar@example.go.id>"',
  "LOG_LEVEL=warn",
  "LOGIN_MAX_FAILURES=7",
  "BACKUP_SCHEDULE=30 1 * * *",
].join("\n");

const compose = () => loadCompose("docker-compose.yml", DOT_ENV);

describe("docker-compose.yml", () => {
  it("is valid against the Compose Specification's JSON schema", () => {
    // Draft-07, Ajv's own default; the file names it by an https address Ajv does not list.
    const { $schema: _draft07, ...schema } = JSON.parse(
      fs.readFileSync("tests/fixtures/compose-spec/compose-spec.json", "utf8"),
    );
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(schema);
    const { raw, resolved } = compose();
    for (const file of [raw, resolved]) {
      validate(file);
      expect(validate.errors ?? []).toEqual([]);
    }
    // The schema can fail: a misspelt key is refused.
    expect(validate({ services: { siar: { imagee: "x" } } })).toBe(false);
  });

  it("gives Siar every setting of .env, the database password intact, and HTTPS behind Caddy", () => {
    const { resolved } = compose();
    const env = serviceEnvironment(resolved, "siar", DOT_ENV);
    const config = loadConfig(env);
    expect(config.database.kind).toBe("postgres");
    const url = new URL((config.database as { url: string }).url);
    expect(decodeURIComponent(url.password)).toBe(PASSWORD);
    expect(url.hostname).toBe("db");
    expect(config.publicBaseUrl).toBe("https://siar.example.go.id");
    expect(config.reports.smtp).toEqual({
      url: "smtp://siar:mail@mail.example.go.id:587",
      from: "Siar <siar@example.go.id>",
    });
    expect(config.logLevel).toBe("warn");
    expect(config.login.maxFailures).toBe(7);
    expect(config.backup).toMatchObject({ dir: "/backups", schedule: "30 1 * * *" });
    expect(config).toMatchObject({ nodeEnv: "production", demo: false, host: "0.0.0.0", dataDir: "/data" });
    expect(config.sandbox.enabled).toBe(false);

    // TRUST_PROXY believes Caddy on the compose network's private address, and no one on the internet.
    const app = express().set("trust proxy", config.trustProxy);
    const trusted = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
    expect(trusted("172.18.0.3", 0)).toBe(true);
    expect(trusted("203.0.113.7", 0)).toBe(false);
  });

  it("gives SIAR_DEMO=true the demo with its simulated channels", () => {
    const dotEnv = `${DOT_ENV}\nSIAR_DEMO=true`;
    const config = loadConfig(serviceEnvironment(loadCompose("docker-compose.yml", dotEnv).resolved, "siar", dotEnv));
    expect(config.demo).toBe(true);
    expect(config.sandbox.enabled).toBe(true);
  });

  it("keeps files in MinIO with the s3 profile, reachable only by Siar, under Siar's own keys", () => {
    const keys = ["S3_ACCESS_KEY_ID=siar-files", `S3_SECRET_ACCESS_KEY=${"k".repeat(40)}`];
    const dotEnv = [DOT_ENV, "SIAR_STORAGE=s3", "S3_ENDPOINT=http://minio:9000", "S3_BUCKET=siar", ...keys].join("\n");
    const { resolved } = loadCompose("docker-compose.yml", dotEnv);
    expect(loadConfig(serviceEnvironment(resolved, "siar", dotEnv)).storage).toEqual({
      kind: "s3",
      endpoint: "http://minio:9000",
      region: "us-east-1",
      bucket: "siar",
      accessKeyId: "siar-files",
      secretAccessKey: "k".repeat(40),
      forcePathStyle: true,
    });
    const { minio, siar } = resolved.services as Record<string, Record<string, unknown>>;
    expect(minio).toMatchObject({
      image: "minio/minio",
      command: "server /data",
      profiles: ["s3"],
      networks: ["database"],
    });
    expect(minio!.ports).toBeUndefined();
    expect(minio!.environment).toEqual({ MINIO_ROOT_USER: "siar-files", MINIO_ROOT_PASSWORD: "k".repeat(40) });
    // Without the profile Siar starts on its own and keeps files in its volume.
    expect(siar!.depends_on).toMatchObject({ minio: { condition: "service_healthy", required: false } });
    expect(loadConfig(serviceEnvironment(compose().resolved, "siar", DOT_ENV)).storage).toEqual({ kind: "local" });
  });

  it("publishes only Caddy's ports; Siar and the database are on compose networks only", () => {
    const { resolved } = compose();
    const { caddy, siar, db } = resolved.services as Record<string, Record<string, unknown>>;
    expect(siar!.ports).toBeUndefined();
    expect(db!.ports).toBeUndefined();
    expect(caddy!.ports).toEqual(["80:80", "443:443", "443:443/udp"]);
    expect(db!.networks).toEqual(["database"]);
    expect((resolved.networks as Record<string, { internal?: boolean }>).database!.internal).toBe(true);
    expect(siar!.init).toBe(true);
    expect(siar!.env_file).toBeDefined();
    const caddyfile = fs.readFileSync("deploy/Caddyfile", "utf8");
    expect(caddyfile).toMatch(/^\{\$SIAR_DOMAIN\} \{/m);
    expect(caddyfile).toContain("reverse_proxy siar:{$PORT:3000}");
  });

  it("refuses to start without the secrets", () => {
    expect(() => loadCompose("docker-compose.yml", DOT_ENV.replace(/^POSTGRES_PASSWORD=.*$/m, ""))).toThrow(
      /POSTGRES_PASSWORD/,
    );
    // Compose's own forms: ${A:-x} covers an empty value, ${B-y} only an unset one, $$ is a dollar sign.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's syntax, not a template
    const written = "${A:-x}-${B-y}-$${C}";
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's syntax, not a template
    expect(interpolate(written, { A: "", B: "" })).toBe("x--${C}");
  });
});
