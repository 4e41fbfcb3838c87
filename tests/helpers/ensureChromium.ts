import { execFileSync } from "node:child_process";
import fs from "node:fs";

// Browser tests drive Debian's Chromium (Playwright cannot download its own here). `npm test`
// installs it on a fresh Debian machine when it can, and otherwise says exactly what to do.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!fs.existsSync(CHROMIUM_PATH)) {
  const canInstall = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("Installing Debian's Chromium for the browser tests...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
}
