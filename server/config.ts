import path from "node:path";
import cron from "node-cron";
import { z } from "zod";
import { DEMO_REGION, REGION_CODE } from "./areas/officialAreas.js";
import type { SignInLimits } from "./auth/signInThrottle.js";
import { GRAPH_API_VERSION } from "./channels/graphVersion.js";

/** Raised when the environment does not describe a runnable Siar; start-up prints it and exits. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .positive(`expected ${what}`);

const secret = z.string().min(32, "expected at least 32 characters (generate one with: openssl rand -base64 48)");

const RECIPIENTS_EXPECTED =
  "expected e-mail addresses separated by commas, such as bupati@example.go.id, sekda@example.go.id";

const ORIGINS_EXPECTED =
  "expected web origins separated by commas, such as https://siar.example.go.id, https://humas.example.go.id (scheme, host and optional port; no path)";

/** "https://host[:port]" exactly, as a browser sends it in the Origin header. */
function asOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    return bare && (url.protocol === "https:" || url.protocol === "http:") ? url.origin : null;
  } catch {
    return null;
  }
}

const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: "expected development, production or test",
    })
    .default("development"),
  PORT: z.coerce
    .number({ error: "expected a port number between 1 and 65535" })
    .int("expected a port number between 1 and 65535")
    .min(0, "expected a port number between 1 and 65535")
    .max(65535, "expected a port number between 1 and 65535")
    .default(3000),
  HOST: z.string().min(1, "expected a host name or address").optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "expected a PostgreSQL URL such as postgres://user:pass@host:5432/siar")
    .optional(),
  // libpq's variables, read when DATABASE_URL is unset and PGHOST is set (see postgresUrlFromParts).
  PGHOST: z.string().trim().min(1).optional(),
  PGPORT: z.coerce
    .number({ error: "expected a port number between 1 and 65535" })
    .int("expected a port number between 1 and 65535")
    .min(1, "expected a port number between 1 and 65535")
    .max(65535, "expected a port number between 1 and 65535")
    .optional(),
  PGUSER: z.string().min(1).optional(),
  PGPASSWORD: z.string().min(1).optional(),
  PGDATABASE: z.string().min(1).optional(),
  BACKUP_DIR: z.string().min(1, "expected a folder path").optional(),
  BACKUP_SCHEDULE: z
    .string()
    .trim()
    .refine(
      (value) => cron.validate(value) && value.split(/\s+/).length === 5,
      "expected a cron schedule of five fields in WIB, such as 30 1 * * * (every day at 01:30)",
    )
    .optional(),
  BACKUP_KEEP: positiveInt("a whole number of archives").default(14),
  SIAR_DATA_DIR: z.string().min(1, "expected a folder path").default("./data"),
  SIAR_STORAGE: z.enum(["local", "s3"], { error: "expected local or s3" }).default("local"),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "expected the object store's URL, such as http://minio:9000" })
    .optional(),
  S3_REGION: z.string().trim().min(1, "expected a region such as us-east-1").default("us-east-1"),
  // S3's bucket naming rules: 3-63 lower-case letters, digits, dots and hyphens.
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "expected a bucket name of 3-63 lower-case letters, digits, . and -")
    .optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(3, "expected the object store's access key").optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(8, "expected the object store's secret key").optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.optional(),
  PUBLIC_BASE_URL: z.url({ error: "expected an absolute URL such as https://siar.example.go.id" }).optional(),
  SIAR_SESSION_SECRET: secret.optional(),
  SIAR_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "expected 32 random bytes in base64 (generate with: openssl rand -base64 32)")
    .optional(),
  SIAR_DEMO: booleanFlag.optional(),
  SIAR_SANDBOX: booleanFlag.optional(),
  SIAR_DEMO_MONTH: booleanFlag.optional(),
  EMERGENCY_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://bpbd.example.go.id/siar-alerts" })
    .optional(),
  EMERGENCY_WEBHOOK_SECRET: z
    .string()
    .trim()
    .min(32, "expected a random string of at least 32 characters (openssl rand -hex 32), shared with the receiver")
    .optional(),
  WEBHOOK_DISABLE_AFTER_FAILURES: positiveInt("a whole number of failed attempts").default(50),
  SIAR_SANDBOX_PORT: z.coerce
    .number({ error: "expected a port number, or 0 for any free port" })
    .int("expected a port number, or 0 for any free port")
    .min(0, "expected a port number, or 0 for any free port")
    .max(65535, "expected a port number, or 0 for any free port")
    .default(0),
  SIAR_ADMIN_EMAIL: z.email({ error: "expected an e-mail address" }).optional(),
  SIAR_ORG_NAME: z.string().trim().min(3, "expected the organisation's name").optional(),
  SIAR_REGION: z
    .string()
    .trim()
    .regex(
      REGION_CODE,
      "expected a kabupaten/kota code from Kemendagri's area codes, such as 61.03 (Kabupaten Sanggau)",
    )
    .optional(),
  SESSION_TTL_HOURS: positiveInt("a whole number of hours").default(12),
  LOGIN_MAX_FAILURES: positiveInt("a whole number of failed attempts").default(5),
  LOGIN_LOCKOUT_MINUTES: positiveInt("a whole number of minutes from 1 to 1440")
    .max(1440, "expected a whole number of minutes from 1 to 1440")
    .default(15),
  LOGIN_RATE_LIMIT_PER_IP: positiveInt("a whole number of failed attempts").default(30),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt("a whole number of failed attempts").default(20),
  LOGIN_KNOWN_ADDRESS_DAYS: positiveInt("a whole number of days").default(90),
  TRUST_PROXY: z.string().default("loopback"),
  SIAR_ALLOWED_ORIGINS: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine((origin) => asOrigin(origin) !== null, ORIGINS_EXPECTED)).min(1, ORIGINS_EXPECTED))
    .transform((origins) => origins.map((origin) => asOrigin(origin)!))
    .optional(),
  PUBLISH_INTERVAL_SECONDS: z.coerce
    .number({ error: "expected a whole number of seconds from 1 to 59" })
    .int("expected a whole number of seconds from 1 to 59")
    .min(1, "expected a whole number of seconds from 1 to 59")
    .max(59, "expected a whole number of seconds from 1 to 59")
    .default(2),
  ENGAGEMENT_REFRESH_MINUTES: z.coerce
    .number({ error: "expected a whole number of minutes from 1 to 59" })
    .int("expected a whole number of minutes from 1 to 59")
    .min(1, "expected a whole number of minutes from 1 to 59")
    .max(59, "expected a whole number of minutes from 1 to 59")
    .default(30),
  ENGAGEMENT_RECENT_DAYS: positiveInt("a whole number of days").default(30),
  SIAR_PAGE_CACHE_SECONDS: z.coerce
    .number({ error: "expected a whole number of seconds from 0 to 30" })
    .int("expected a whole number of seconds from 0 to 30")
    .min(0, "expected a whole number of seconds from 0 to 30")
    .max(30, "expected a whole number of seconds from 0 to 30")
    .default(20),
  SIAR_PAGE_CACHE_MB: positiveInt("a whole number of megabytes").default(64),
  META_APP_ID: z
    .string()
    .regex(/^\d{5,20}$/, "expected the numeric App ID shown in Meta's App Dashboard")
    .optional(),
  META_APP_SECRET: z
    .string()
    .regex(/^[0-9a-f]{32}$/i, "expected the 32-character App Secret from Meta's App Dashboard (App settings → Basic)")
    .optional(),
  META_LOGIN_CONFIG_ID: z
    .string()
    .regex(
      /^\d{5,20}$/,
      "expected the numeric Configuration ID from Meta's App Dashboard (Facebook Login for Business → Configurations)",
    )
    .optional(),
  META_GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d{2}\.0$/, "expected a Graph API version such as v26.0")
    .default(GRAPH_API_VERSION),
  META_OAUTH_DIALOG_URL: z.url({ error: "expected an absolute URL such as https://www.facebook.com" }).optional(),
  SIAR_METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, "expected a random string of at least 16 characters (generate one with: openssl rand -base64 32)")
    .optional(),
  META_WEBHOOK_VERIFY_TOKEN: z
    .string()
    .trim()
    .min(16, "expected a random string of at least 16 characters, also entered in Meta's webhook settings")
    .optional(),
  X_CLIENT_ID: z
    .string()
    .trim()
    .min(10, "expected the OAuth 2.0 Client ID from the X developer portal (Keys and tokens)")
    .optional(),
  X_CLIENT_SECRET: z
    .string()
    .trim()
    .min(10, "expected the OAuth 2.0 Client Secret from the X developer portal (Keys and tokens)")
    .optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error:
        "expected an SMTP URL such as smtp://user:pass@mail.example.go.id:587 or smtps://user:pass@mail.example.go.id:465",
    })
    .optional(),
  SMTP_FROM: z
    .string()
    .trim()
    .regex(
      /^([^<>]+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'expected a sender such as "Siar <siar@example.go.id>"',
    )
    .optional(),
  REPORT_RECIPIENTS: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: RECIPIENTS_EXPECTED })).min(1, RECIPIENTS_EXPECTED))
    .optional(),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** Whether HOST was set: demo mode listens on 127.0.0.1 unless it was. */
  hostGiven: boolean;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  dataDir: string;
  /**
   * Where stored files go (server/storage/): the data folder, or an S3-compatible bucket shared by
   * several processes. forcePathStyle: http://host/bucket/key addresses (MinIO) rather than bucket.host.
   */
  storage:
    | { kind: "local" }
    | {
        kind: "s3";
        endpoint?: string;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      };
  /** Where citizens and platforms reach Siar; without PUBLIC_BASE_URL, the address it listens on. */
  publicBaseUrl: string;
  publicBaseUrlGiven: boolean;
  demo: boolean;
  /** Demo mode's month of made-up posts and inbox items on first start (server/demo/). */
  demoMonth: boolean;
  /** Where emergencies are also posted, signed with the secret (server/inbox/emergencyAlerts.ts). */
  emergencyWebhook?: { url: string; secret: string };
  /** Outgoing webhooks (server/webhooks/): an endpoint failing this many attempts in a row (or for 5 days) is disabled. */
  webhooks: { disableAfterFailures: number };
  /** The local imitation of the platforms (server/sandbox), standing in for real channels. */
  sandbox: { enabled: boolean; explicitlyEnabled: boolean; port: number };
  adminEmail: string | undefined;
  organisationName: string;
  organisationNameGiven: boolean;
  /**
   * The kabupaten/kota whose official areas an empty database starts with (its kecamatan, desa and
   * kelurahan as units); the demo is always Kabupaten Sanggau.
   */
  region: string | undefined;
  /** Given explicitly, or undefined: then the embedded mode generates them in the data folder. */
  secrets: { sessionSecret?: string; encryptionKey?: string };
  sessionTtlHours: number;
  /** Sign-in protection (server/auth/signInThrottle.ts): failure budgets per window. */
  login: SignInLimits;
  /** Origins besides PUBLIC_BASE_URL's whose pages may open a realtime socket. */
  allowedOrigins: string[];
  trustProxy: string;
  /** Meta webhooks (Page and Instagram comments): the verify token of the subscription. */
  metaWebhookVerifyToken: string | undefined;
  /** The Bearer token Prometheus scrapes /metrics with; without it /metrics answers 404. */
  metricsToken: string | undefined;
  /** How often the publishing worker looks for due deliveries. */
  publishIntervalSeconds: number;
  /** How often engagement of posts published in the last `recentDays` is read from the platforms. */
  engagement: { refreshMinutes: number; recentDays: number };
  /** Rendered public pages kept in memory: how long each stays fresh (0: not kept) and how much memory they may use. */
  pageCache: { ttlSeconds: number; maxBytes: number };
  logLevel: string;
  /**
   * The platforms' OAuth apps for "connect with Facebook / X"; undefined where not configured
   * (demo mode then uses the sandbox's apps). Without a secret, X is used as a public PKCE client.
   */
  /** The Graph API version every Facebook and Instagram call uses (META_GRAPH_API_VERSION). */
  graphApiVersion: string;
  oauth: {
    /** loginConfigId: the Facebook Login for Business configuration the dialog opens with. */
    meta?: { appId: string; appSecret: string; loginConfigId: string; dialogUrl?: string };
    x?: { clientId: string; clientSecret?: string };
  };
  /** Archives of `npm run backup` and of the schedule (off without BACKUP_SCHEDULE), the newest `keep` kept. */
  backup: { dir: string; schedule?: string; keep: number };
  /** E-mailed reports: without SMTP nothing is sent and the schedule is off. */
  reports: { smtp?: { url: string; from: string }; recipients: string[] };
};

const SECRET_VARIABLES = new Set([
  "DATABASE_URL",
  "PGPASSWORD",
  "SIAR_SESSION_SECRET",
  "SIAR_ENCRYPTION_KEY",
  "META_APP_SECRET",
  "X_CLIENT_SECRET",
  "SMTP_URL",
  "S3_SECRET_ACCESS_KEY",
  "META_WEBHOOK_VERIFY_TOKEN",
  "SIAR_METRICS_TOKEN",
  "EMERGENCY_WEBHOOK_URL",
  "EMERGENCY_WEBHOOK_SECRET",
]);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        // Values that may hold passwords or keys are never echoed into logs.
        const shown = name in present && !SECRET_VARIABLES.has(name) ? ` (got "${present[name]}")` : "";
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.SIAR_DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? (e.PGHOST ? postgresUrlFromParts(e) : undefined);
  const usesPostgres = databaseUrl !== undefined;

  // Generated secrets live beside the embedded database; a shared PostgreSQL serves several
  // processes that must agree on them, so there they are required.
  if (usesPostgres) {
    const missing = [];
    if (!e.SIAR_SESSION_SECRET)
      missing.push("SIAR_SESSION_SECRET: required with DATABASE_URL (at least 32 characters)");
    if (!e.SIAR_ENCRYPTION_KEY) missing.push("SIAR_ENCRYPTION_KEY: required with DATABASE_URL (32 bytes in base64)");
    if (missing.length) throw new ConfigError(missing);
  }

  // An App ID without its secret (or the reverse) cannot complete Facebook Login.
  if ((e.META_APP_ID === undefined) !== (e.META_APP_SECRET === undefined)) {
    throw new ConfigError([
      e.META_APP_ID ? "META_APP_SECRET: required with META_APP_ID" : "META_APP_ID: required with META_APP_SECRET",
    ]);
  }
  // Facebook Login for Business opens a saved configuration; without config_id the dialog says the app is
  // not available (https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/).
  if ((e.META_APP_ID === undefined) !== (e.META_LOGIN_CONFIG_ID === undefined)) {
    throw new ConfigError([
      e.META_APP_ID
        ? "META_LOGIN_CONFIG_ID: required with META_APP_ID (Facebook Login for Business → Configurations → the configuration's ID)"
        : "META_APP_ID: required with META_LOGIN_CONFIG_ID",
    ]);
  }
  if (e.X_CLIENT_SECRET && !e.X_CLIENT_ID) throw new ConfigError(["X_CLIENT_ID: required with X_CLIENT_SECRET"]);
  // A sender without a server (or the reverse) is a half-finished set-up: say so at start, not at 07:00 on Monday.
  if (e.SMTP_URL && !e.SMTP_FROM)
    throw new ConfigError(['SMTP_FROM: required with SMTP_URL (the sender, such as "Siar <siar@example.go.id>")']);
  if (!e.SMTP_URL && (e.SMTP_FROM || e.REPORT_RECIPIENTS)) {
    throw new ConfigError([
      `SMTP_URL: required with ${e.SMTP_FROM ? "SMTP_FROM" : "REPORT_RECIPIENTS"} (an SMTP URL such as smtp://user:pass@mail.example.go.id:587)`,
    ]);
  }

  if ((e.EMERGENCY_WEBHOOK_URL === undefined) !== (e.EMERGENCY_WEBHOOK_SECRET === undefined)) {
    throw new ConfigError([
      e.EMERGENCY_WEBHOOK_URL
        ? "EMERGENCY_WEBHOOK_SECRET: required with EMERGENCY_WEBHOOK_URL (at least 32 random characters)"
        : "EMERGENCY_WEBHOOK_URL: required with EMERGENCY_WEBHOOK_SECRET",
    ]);
  }

  const storage = storageSettings(e);

  const demo = e.SIAR_DEMO ?? !usesPostgres;
  // SIAR_DEMO=true written down asks for the whole demo, simulated channels included, even in production.
  const sandboxAsked = e.SIAR_SANDBOX ?? (e.SIAR_DEMO === true ? true : undefined);
  // The demo's people, OPD and routing are Sanggau's: another kabupaten would leave them nowhere.
  if (demo && e.SIAR_REGION && e.SIAR_REGION !== DEMO_REGION) {
    throw new ConfigError([
      `SIAR_REGION: the demo organisation is Kabupaten Sanggau (${DEMO_REGION}); unset SIAR_REGION or set SIAR_DEMO=false (got "${e.SIAR_REGION}")`,
    ]);
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    // The demo's passwords are published: it stays on this machine unless HOST says otherwise.
    host: e.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0"),
    hostGiven: e.HOST !== undefined,
    database: usesPostgres
      ? { kind: "postgres", url: databaseUrl }
      : { kind: "pglite", dataDir: path.join(dataDir, "db") },
    dataDir,
    storage,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    publicBaseUrlGiven: e.PUBLIC_BASE_URL !== undefined,
    demo,
    // Tests start many demo servers: they get the month of data only when they ask for it.
    demoMonth: demo && (e.SIAR_DEMO_MONTH ?? e.NODE_ENV !== "test"),
    emergencyWebhook: e.EMERGENCY_WEBHOOK_URL
      ? { url: e.EMERGENCY_WEBHOOK_URL, secret: e.EMERGENCY_WEBHOOK_SECRET! }
      : undefined,
    webhooks: { disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES },
    // Demo mode simulates the channels unless told otherwise; production gets them only on request.
    sandbox: {
      enabled: sandboxAsked ?? (demo && e.NODE_ENV !== "production"),
      explicitlyEnabled: sandboxAsked === true,
      port: e.SIAR_SANDBOX_PORT,
    },
    adminEmail: e.SIAR_ADMIN_EMAIL,
    organisationName: e.SIAR_ORG_NAME ?? "Pemerintah Kabupaten",
    organisationNameGiven: e.SIAR_ORG_NAME !== undefined,
    region: demo ? DEMO_REGION : e.SIAR_REGION,
    secrets: { sessionSecret: e.SIAR_SESSION_SECRET, encryptionKey: e.SIAR_ENCRYPTION_KEY },
    sessionTtlHours: e.SESSION_TTL_HOURS,
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      windowMinutes: e.LOGIN_LOCKOUT_MINUTES,
      perIpLimit: e.LOGIN_RATE_LIMIT_PER_IP,
      perAccountLimit: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      knownAddressDays: e.LOGIN_KNOWN_ADDRESS_DAYS,
    },
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.SIAR_ALLOWED_ORIGINS ?? [],
    publishIntervalSeconds: e.PUBLISH_INTERVAL_SECONDS,
    engagement: { refreshMinutes: e.ENGAGEMENT_REFRESH_MINUTES, recentDays: e.ENGAGEMENT_RECENT_DAYS },
    pageCache: { ttlSeconds: e.SIAR_PAGE_CACHE_SECONDS, maxBytes: e.SIAR_PAGE_CACHE_MB * 1024 * 1024 },
    metaWebhookVerifyToken: e.META_WEBHOOK_VERIFY_TOKEN,
    metricsToken: e.SIAR_METRICS_TOKEN,
    graphApiVersion: e.META_GRAPH_API_VERSION,
    logLevel: e.LOG_LEVEL,
    oauth: {
      meta: e.META_APP_ID
        ? {
            appId: e.META_APP_ID,
            appSecret: e.META_APP_SECRET!,
            loginConfigId: e.META_LOGIN_CONFIG_ID!,
            dialogUrl: e.META_OAUTH_DIALOG_URL?.replace(/\/$/, ""),
          }
        : undefined,
      x: e.X_CLIENT_ID ? { clientId: e.X_CLIENT_ID, clientSecret: e.X_CLIENT_SECRET } : undefined,
    },
    backup: {
      dir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, "backups")),
      schedule: e.BACKUP_SCHEDULE,
      keep: e.BACKUP_KEEP,
    },
    reports: {
      smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM! } : undefined,
      recipients: e.REPORT_RECIPIENTS ?? [],
    },
  };
}

/** SIAR_STORAGE=s3 needs a bucket and its keys; S3_* without it would be silently ignored, so it is refused. */
function storageSettings(e: z.output<typeof envSchema>): Config["storage"] {
  if (e.SIAR_STORAGE === "local") {
    const stray = (["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).find(
      (name) => e[name] !== undefined,
    );
    if (stray)
      throw new ConfigError([
        `SIAR_STORAGE: set SIAR_STORAGE=s3 to use ${stray} (the files are kept in SIAR_DATA_DIR otherwise)`,
      ]);
    return { kind: "local" };
  }
  const missing = (["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).filter(
    (name) => e[name] === undefined,
  );
  if (missing.length) throw new ConfigError(missing.map((name) => `${name}: required with SIAR_STORAGE=s3`));
  return {
    kind: "s3",
    endpoint: e.S3_ENDPOINT?.replace(/\/$/, ""),
    region: e.S3_REGION,
    bucket: e.S3_BUCKET!,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    // Amazon S3 takes bucket.host addresses; MinIO and most self-hosted stores the bucket in the path.
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
  };
}

/**
 * A PostgreSQL URL from libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE, each part
 * percent-encoded: a password with @ : / # ? works as it is.
 */
function postgresUrlFromParts(e: {
  PGHOST?: string;
  PGPORT?: number;
  PGUSER?: string;
  PGPASSWORD?: string;
  PGDATABASE?: string;
}): string {
  const user = e.PGUSER ? encodeURIComponent(e.PGUSER) : "";
  const password = e.PGPASSWORD ? `:${encodeURIComponent(e.PGPASSWORD)}` : "";
  const credentials = user || password ? `${user}${password}@` : "";
  const host = e.PGHOST!.includes(":") ? `[${e.PGHOST}]` : encodeURIComponent(e.PGHOST!);
  const database = encodeURIComponent(e.PGDATABASE ?? e.PGUSER ?? "postgres");
  return `postgres://${credentials}${host}:${e.PGPORT ?? 5432}/${database}`;
}

/** The staff application lives under /app; the root is left for the public website. */
export const STAFF_APP_BASE = "/app";
