import pg from "pg";
import { describe, expect, it } from "vitest";
import { Prisma } from "@server/db/client.js";
import { createLogger, safeRequestUrl, serializeError } from "@server/logger.js";

const CITIZEN = {
  name: "Siti Aminah",
  phone: "0812-3456-7890",
  email: "siti.aminah@contoh.id",
  text: "Jalan berlubang di depan rumah",
};

function logOnce(fields: Record<string, unknown>): { line: string; entry: Record<string, any> } {
  const lines: string[] = [];
  createLogger("info", { write: (line: string) => void lines.push(line) }).error(fields, "failed");
  return { line: lines[0]!, entry: JSON.parse(lines[0]!) };
}

function expectNoCitizenData(line: string) {
  for (const value of Object.values(CITIZEN)) expect(line).not.toContain(value);
}

describe("the error serializer", () => {
  it("keeps a PostgreSQL error's SQLSTATE, constraint and table, not its DETAIL", () => {
    const error = Object.assign(
      new pg.DatabaseError('duplicate key value violates unique constraint "User_email_key"', 100, "error"),
      {
        code: "23505",
        severity: "ERROR",
        detail: `Key (email)=(${CITIZEN.email}) already exists.`,
        constraint: "User_email_key",
        table: "User",
      },
    );
    const { line, entry } = logOnce({ err: error, userId: "u1" });
    expect(entry.err).toMatchObject({
      type: "DatabaseError",
      code: "23505",
      constraint: "User_email_key",
      table: "User",
    });
    expect(entry.err.message).toBe('duplicate key value violates unique constraint "User_email_key"');
    expectNoCitizenData(line);
  });

  it("keeps a Prisma error's code and target fields, not its meta values or the database message it quotes", () => {
    const adapterError = Object.assign(new Error("x"), {
      name: "DriverAdapterError",
      cause: {
        kind: "postgres",
        originalCode: "23505",
        originalMessage: `duplicate key: ${CITIZEN.text}`,
        detail: `Failing row contains (${CITIZEN.name}, ${CITIZEN.phone}).`,
      },
    });
    const error = new Prisma.PrismaClientKnownRequestError(
      `\nInvalid \`tx.inboxItem.create()\` invocation:\n\n\nUnique constraint failed on the fields: (\`platformId\`)`,
      {
        code: "P2002",
        clientVersion: "6.19.0",
        meta: { modelName: "InboxItem", target: ["source", "platformId"], driverAdapterError: adapterError },
      },
    );
    const { line, entry } = logOnce({ err: error });
    expect(entry.err).toMatchObject({
      type: "PrismaClientKnownRequestError",
      code: "P2002",
      meta: { modelName: "InboxItem", target: ["source", "platformId"], driverAdapterError: { code: "23505" } },
    });
    expect(entry.err.message).toBe(
      "tx.inboxItem.create() failed: Unique constraint failed on the fields: (`platformId`)",
    );
    expectNoCitizenData(line);
  });

  it("scrubs e-mail addresses, phone numbers and tokens from other errors' messages and drops their other fields", () => {
    const error = Object.assign(
      new Error(
        `rejected ${CITIZEN.email} ${CITIZEN.phone} at https://graph.example/v1?access_token=EAAB123&fields=id`,
      ),
      { code: "EENVELOPE", response: CITIZEN.text },
    );
    const { line, entry } = logOnce({ err: error });
    expect(entry.err).toMatchObject({ type: "Error", code: "EENVELOPE" });
    expect(line).not.toContain("EAAB123");
    expectNoCitizenData(line);
  });

  it("keeps a database error's message without the value it quotes", () => {
    expect(
      (
        serializeError(
          Object.assign(new Error(`invalid input syntax for type uuid: "${CITIZEN.name}"`), {
            code: "22P02",
            severity: "ERROR",
          }),
        ) as { message: string }
      ).message,
    ).toBe("invalid input syntax for type uuid: [redacted]");
  });
});

describe("the access log's URL", () => {
  it("keeps the path, query keys and harmless filter values only", () => {
    expect(safeRequestUrl(`/api/inbox?status=new&q=${encodeURIComponent(CITIZEN.name)}&limit=20`)).toBe(
      "/api/inbox?status=new&q=[redacted]&limit=20",
    );
    expect(safeRequestUrl("/api/channels/meta/callback?code=AQD123&state=abc")).toBe(
      "/api/channels/meta/callback?code=[redacted]&state=[redacted]",
    );
    expect(safeRequestUrl("/aspirasi/terkirim/SIAR-2601-7Q4K9M")).toBe("/aspirasi/terkirim/[redacted]");
    // An information request's number is public (the register lists it); the access code after it opens the case.
    expect(safeRequestUrl("/ppid/lacak/PPID-2026-00042/ABCD-EFGH-JKLM/berkas/x?baru=1")).toBe(
      "/ppid/lacak/PPID-2026-00042/[redacted]/berkas/x?baru=[redacted]",
    );
    expect(safeRequestUrl(`/?${CITIZEN.email}`)).toBe("/?[redacted]");
  });
});
