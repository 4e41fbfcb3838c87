import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "@server/config.js";
import { createLogger } from "@server/logger.js";
import { FIRST_ADMIN_PASSWORD_FILE, startSiar } from "@server/server.js";
import { issueFormToken } from "@server/routes/public/aspirasi.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The product rule: no secret or personal data reaches a log line. The server runs with the
// production logger at level info, writing into `lines`.

const VERIFY_TOKEN = "SECRET123-verify-token-for-logs";
const CITIZEN = {
  nama: "Siti Aminah Lestari",
  telepon: "0812-3456-7890",
  email: "siti.aminah@contoh.id",
  isi: "Jalan berlubang di depan rumah Bu Siti sejak bulan lalu.",
};
const PERSONAL_OR_SECRET = [
  VERIFY_TOKEN,
  CITIZEN.nama,
  "Siti Aminah",
  CITIZEN.telepon,
  "081234567890",
  CITIZEN.email,
  CITIZEN.isi,
  "Jalan berlubang",
];

let siar: TestSiar;
let lines: string[] = [];
/** What the server logged while starting (the tests below clear `lines`). */
let startLines: string[] = [];

beforeAll(async () => {
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  siar = await startTestSiar(
    {
      META_APP_ID: "123456789012345",
      META_APP_SECRET: "0123456789abcdef0123456789abcdef",
      META_LOGIN_CONFIG_ID: "1200334455667788",
      META_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    },
    { logger },
  );
  startLines = [...lines];
});
afterAll(async () => siar?.close());

function captured(): string {
  return lines.join("");
}

function expectNothingPersonalOrSecret() {
  const output = captured();
  for (const value of PERSONAL_OR_SECRET) expect(output).not.toContain(value);
}

/** Log lines with this message, parsed. */
function logged(msg: string): Array<Record<string, any>> {
  return lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === msg);
}

describe("log redaction", () => {
  it("logs the webhook handshake's path and query keys, never the verify token", async () => {
    lines = [];
    const response = await fetch(
      `${siar.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(response.status).toBe(200);
    const [entry] = logged("request completed");
    expect(entry?.req.url).toBe(
      "/webhooks/meta?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=[redacted]",
    );
    expectNothingPersonalOrSecret();
  });

  it("masks the tracking number, which opens a citizen's report, in paths and in the lookup form's query", async () => {
    lines = [];
    await fetch(`${siar.url}/lacak/SIAR-2601-7Q4K9M`);
    await fetch(`${siar.url}/lacak?nomor=SIAR-2601-7Q4K9M`, { redirect: "manual" });
    const urls = logged("request completed").map((entry) => entry.req.url);
    expect(urls).toEqual(["/lacak/[redacted]", "/lacak?nomor=[redacted]"]);
    expect(captured()).not.toContain("7Q4K9M");
  });

  it("logs a report the database refused with its error code and stack, without the citizen's name, phone or complaint", async () => {
    const connection = await siar.services.db.connect();
    await connection.query(
      `ALTER TABLE "InboxItem" ADD CONSTRAINT log_test_refuses CHECK ("text" NOT LIKE '%berlubang%')`,
    );
    try {
      lines = [];
      const places = await siar.services.prisma.unit.findMany({
        where: { code: { in: ["kec-kapuas", "kel-beringin"] } },
        orderBy: { code: "asc" },
      });
      const form = new URLSearchParams({
        token: issueFormToken(siar.services.hasher, Date.now() - 60_000),
        ...CITIZEN,
        kecamatan: places[0]!.id,
        desa: places[1]!.id,
        lintang: "",
        bujur: "",
        kategori: "infrastruktur",
        setuju: "ya",
        situs: "",
      });
      const response = await fetch(`${siar.url}/aspirasi`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.77" },
        body: form,
      });
      expect(response.status).toBe(500);
      const [failure] = logged("request failed");
      expect(JSON.stringify(failure?.err)).toContain("23514");
      expect(failure?.err.stack).toMatch(/\n\s+at /);
      expectNothingPersonalOrSecret();
    } finally {
      await connection.query(`ALTER TABLE "InboxItem" DROP CONSTRAINT log_test_refuses`);
      await connection.release();
    }
  });

  it("logs a plain SQL failure (the webhook filing path) without its parameters or the value the database quotes", async () => {
    lines = [];
    const error = await siar.services.db
      .transaction((sql) => sql.query("SELECT $1::uuid, $2::text", [CITIZEN.nama, CITIZEN.isi]))
      .catch((caught: unknown) => caught);
    // Both PGlite and node-postgres quote the refused value in the message (PGlite also keeps the parameters).
    expect(String((error as Error).message)).toContain(CITIZEN.nama);
    siar.services.logger.warn({ err: error, receipt: "42" }, "webhook could not be filed; will retry");
    const [entry] = logged("webhook could not be filed; will retry");
    expect(entry).toMatchObject({
      receipt: "42",
      err: { code: "22P02", message: "invalid input syntax for type uuid: [redacted]" },
    });
    expectNothingPersonalOrSecret();
  });

  it("logs a Prisma validation error by the call that failed, not the arguments it printed", async () => {
    lines = [];
    const error = await siar.services.prisma.inboxItem
      .create({
        data: {
          authorName: CITIZEN.nama,
          text: CITIZEN.isi,
          contact: { phone: CITIZEN.telepon },
          unknownField: 1,
        } as never,
      })
      .catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toContain(CITIZEN.nama);
    siar.services.logger.error({ err: error, itemId: "item-1" }, "filing failed");
    const [entry] = logged("filing failed");
    expect(entry).toMatchObject({ itemId: "item-1", err: { type: "PrismaClientValidationError" } });
    expect(entry?.err.message).toContain(".create() failed");
    expectNothingPersonalOrSecret();
  });

  it("blanks personal and secret keys a call site might pass", () => {
    lines = [];
    siar.services.logger.info(
      {
        itemId: "item-2",
        authorName: CITIZEN.nama,
        contact: { phone: CITIZEN.telepon },
        item: { text: CITIZEN.isi, email: CITIZEN.email },
      },
      "careless",
    );
    const [entry] = logged("careless");
    expect(entry).toMatchObject({
      itemId: "item-2",
      authorName: "[redacted]",
      contact: "[redacted]",
      item: { text: "[redacted]", email: "[redacted]" },
    });
    expectNothingPersonalOrSecret();
  });
});

// Starts from the PGlite template with no user in it; what is written and logged is the same on PostgreSQL.
describe.skipIf(!!process.env.DATABASE_URL)("first administrator", () => {
  it("gets a temporary password in a file only the server can read, and the log names the file, not the password", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-test-"));
    const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]) });
    // An installation with no user yet, as on the first start outside demo mode.
    await pglite.exec(`TRUNCATE "User" CASCADE`);
    const output: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void output.push(line) });
    const env = {
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      SIAR_DATA_DIR: dataDir,
      SIAR_DEMO: "false",
      SIAR_SANDBOX: "false",
      SIAR_ADMIN_EMAIL: "admin.pertama@contoh.go.id",
    };
    const first = await startSiar(loadConfig(env), { pglite, logger });
    try {
      const file = path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE);
      const password = fs.readFileSync(file, "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(10);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      const announced = output
        .map((line) => JSON.parse(line))
        .find((entry) => String(entry.msg).startsWith("first administrator created"));
      expect(announced?.passwordFile).toBe(file);
      expect(output.join("")).not.toContain(password);
      expect(output.join("")).not.toContain("admin.pertama@contoh.go.id");
    } finally {
      await first.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("start-up warnings", () => {
  it("with a Meta app configured, an http:// PUBLIC_BASE_URL is warned about: Meta calls only HTTPS", () => {
    const [warning] = startLines
      .map((line) => JSON.parse(line))
      .filter((entry) => String(entry.msg).startsWith("PUBLIC_BASE_URL is http://: Meta sends webhooks"));
    expect(warning).toMatchObject({ level: 40, publicBaseUrl: siar.url });
  });
});
