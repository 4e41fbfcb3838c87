import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "@server/logger.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// What an IT officer reads at start: a database nobody can sign in to, and a demo kept to this machine.
let siar: TestSiar | undefined;
afterEach(async () => {
  await siar?.close();
  siar = undefined;
});

function capturedLogger(): { logger: ReturnType<typeof createLogger>; messages: () => string[] } {
  const lines: string[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  return { logger, messages: () => lines.map((line) => JSON.parse(line).msg as string) };
}

describe("start-up notices", () => {
  it("warns that an empty database outside demo mode has no administrator without SIAR_ADMIN_EMAIL", async () => {
    const { logger, messages } = capturedLogger();
    siar = await startTestSiar({ SIAR_DEMO: "false" }, { logger, emptyDatabase: true });
    expect(await siar.services.prisma.user.count()).toBe(0);
    expect(messages()).toContainEqual(expect.stringMatching(/^no administrator: .*set SIAR_ADMIN_EMAIL/));
  });

  it("creates the administrator and says nothing of the kind when SIAR_ADMIN_EMAIL is set", async () => {
    const { logger, messages } = capturedLogger();
    siar = await startTestSiar(
      { SIAR_DEMO: "false", SIAR_ADMIN_EMAIL: "admin@kominfo.example.go.id" },
      { logger, emptyDatabase: true },
    );
    expect(await siar.services.prisma.user.count()).toBe(1);
    expect(messages().some((message) => message.startsWith("no administrator"))).toBe(false);
  });

  it("keeps the demo on 127.0.0.1 unless HOST is set, and says so", async () => {
    const { logger, messages } = capturedLogger();
    siar = await startTestSiar({ HOST: "" }, { logger });
    expect(siar.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(messages()).toContainEqual(expect.stringMatching(/^demo mode listens on 127\.0\.0\.1 only.*set HOST/));
    const response = await fetch(`${siar.url}/healthz`);
    expect(response.status).toBe(200);
  });
});
