import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The Dockerfile's steps checked without a Docker engine: the build context a clean checkout
// gives (less .dockerignore), what each COPY needs, and the image's command run from that context.

type Instruction = { keyword: string; args: string };

function dockerfileInstructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(" ") };
    });
}

/** .dockerignore's patterns as Docker reads them: paths from the context root, * within a segment, a folder excludes its contents. */
function dockerIgnored(patterns: string[]): (file: string) => boolean {
  const rules = patterns.map((pattern) => {
    const body = pattern
      .replace(/^\/+|\/+$/g, "")
      .split("/")
      .map((segment) => segment.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*"))
      .join("/");
    return new RegExp(`^${body}(/.*)?$`);
  });
  return (file) => rules.some((rule) => rule.test(file));
}

const instructions = dockerfileInstructions(fs.readFileSync("Dockerfile", "utf8"));
const ignorePatterns = fs
  .readFileSync(".dockerignore", "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const ignored = dockerIgnored(ignorePatterns);
// A clean checkout's files, plus what an installation has lying beside them.
const checkout = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => file && fs.existsSync(file));
const context = checkout.filter((file) => !ignored(file));

const cleanDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-image-"));
afterAll(() => fs.rmSync(cleanDir, { recursive: true, force: true }));

describe("the Docker image", () => {
  it("leaves secrets, local data and installed files out of the build context", () => {
    for (const file of [".env", ".env.production", "data/secrets.json", "data/db/PG_VERSION", "backups/x.tar"]) {
      expect(ignored(file), file).toBe(true);
    }
    for (const file of ["node_modules/pg/package.json", "web/dist/index.html", "server/db/generated/client.ts"]) {
      expect(ignored(file), file).toBe(true);
    }
    for (const file of ["server/index.ts", "web/src/main.tsx", "prisma/schema.prisma", "deploy/Caddyfile"]) {
      expect(context, file).toContain(file);
    }
  });

  it("finds every file its COPY steps name in the context", () => {
    const copies = instructions.filter((step) => step.keyword === "COPY");
    expect(copies.length).toBeGreaterThan(1);
    for (const copy of copies) {
      const sources = copy.args
        .split(/\s+/)
        .filter((word) => !word.startsWith("--"))
        .slice(0, -1);
      for (const source of sources) {
        if (source === ".") continue;
        expect(
          context.some((file) => file === source || file.startsWith(`${source}/`)),
          source,
        ).toBe(true);
      }
    }
  });

  it("runs node directly as an unprivileged user, with a healthcheck on PORT after a start period", () => {
    const users = instructions.filter((step) => step.keyword === "USER");
    expect(users.at(-1)?.args).toBe("node");
    const command = JSON.parse(instructions.findLast((step) => step.keyword === "CMD")!.args) as string[];
    expect(command).toEqual(["node", "--import", "tsx", "server/index.ts"]);
    const health = instructions.find((step) => step.keyword === "HEALTHCHECK")!.args;
    expect(health).toMatch(/--start-period=\d+s/);
    expect(health).toContain("process.env.PORT");
    expect(health).toContain("/readyz");
  });

  it("starts its command from a clean copy of the context (imports resolve, configuration is checked)", () => {
    for (const file of context) {
      fs.mkdirSync(path.join(cleanDir, path.dirname(file)), { recursive: true });
      fs.copyFileSync(file, path.join(cleanDir, file));
    }
    // `npm ci` in the image: the installed packages, then its postinstall (prisma generate).
    fs.symlinkSync(path.resolve("node_modules"), path.join(cleanDir, "node_modules"));
    execFileSync("npx", ["prisma", "generate"], { cwd: cleanDir, stdio: "pipe" });
    const command = JSON.parse(instructions.findLast((step) => step.keyword === "CMD")!.args) as string[];
    let stderr = "";
    try {
      execFileSync(command[0]!, command.slice(1), {
        cwd: cleanDir,
        env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "70000" },
        stdio: "pipe",
        timeout: 60_000,
      });
    } catch (error) {
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(stderr).toContain("Siar cannot start. Invalid configuration:");
    expect(stderr).toContain('PORT: expected a port number between 1 and 65535 (got "70000")');
  }, 120_000);
});
