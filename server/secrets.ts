import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConfigError, type Config } from "./config.js";

export type Secrets = { sessionSecret: string; encryptionKey: Buffer };

const storedSecrets = z.object({ sessionSecret: z.string().min(32), encryptionKey: z.string().length(44) });

/**
 * Secrets given in the environment win. The embedded mode generates the missing ones once and
 * keeps them in <data dir>/secrets.json, so sessions and encrypted tokens survive restarts.
 */
export function resolveSecrets(config: Config): Secrets {
  const given = config.secrets;
  if (given.sessionSecret && given.encryptionKey) {
    return { sessionSecret: given.sessionSecret, encryptionKey: Buffer.from(given.encryptionKey, "base64") };
  }
  const file = path.join(config.dataDir, "secrets.json");
  let stored: z.infer<typeof storedSecrets>;
  if (fs.existsSync(file)) {
    const parsed = storedSecrets.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success) throw new ConfigError([`${file}: not a valid Siar secrets file; restore it from backup`]);
    stored = parsed.data;
  } else {
    stored = {
      sessionSecret: randomBytes(48).toString("base64url"),
      encryptionKey: randomBytes(32).toString("base64"),
    };
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    sessionSecret: given.sessionSecret ?? stored.sessionSecret,
    encryptionKey: Buffer.from(given.encryptionKey ?? stored.encryptionKey, "base64"),
  };
}
