import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run("npx", ["tsx", "server/index.ts"], {
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      timeout: 30_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("starting Siar with a bad configuration", () => {
  it("exits with code 1 and a message naming each wrong variable", async () => {
    const { code, stderr } = await start({ PORT: "70000", DATABASE_URL: "", SIAR_DEMO: "sometimes" });
    expect(code).toBe(1);
    expect(stderr).toContain("Siar cannot start. Invalid configuration:");
    expect(stderr).toContain('PORT: expected a port number between 1 and 65535 (got "70000")');
    expect(stderr).toContain("SIAR_DEMO: expected true or false");
  });
});
