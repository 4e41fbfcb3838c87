import type { Logger } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@server/db/client.js";
import { warmUpDashboard } from "@server/reports/warmUp.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
beforeAll(async () => {
  siar = await startTestSiar();
});
afterAll(async () => {
  await siar?.close();
});

/** A logger that keeps what it was told, by level. */
function recordingLogger() {
  const lines: [level: string, message: string][] = [];
  const at = (level: string) => (_fields: unknown, message: string) => void lines.push([level, message]);
  return {
    lines,
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } as unknown as Logger,
  };
}

describe("warming up the dashboard at start-up", () => {
  it("builds the organisation's summary once", async () => {
    const { lines, logger } = recordingLogger();
    await warmUpDashboard(siar.services.prisma, logger);
    expect(lines).toEqual([["debug", "dashboard warmed up"]]);
  });

  it("only logs a failure, so that the server still starts", async () => {
    const { lines, logger } = recordingLogger();
    const refusing = new Proxy(siar.services.prisma, {
      get: (prisma, key) =>
        key === "unit"
          ? { findFirst: () => Promise.reject(new Error("connection refused")) }
          : Reflect.get(prisma, key),
    }) as PrismaClient;
    await expect(warmUpDashboard(refusing, logger)).resolves.toBeUndefined();
    expect(lines).toEqual([["warn", "warming up the dashboard failed"]]);
  });
});
