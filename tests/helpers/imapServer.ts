import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

/** Debian's Dovecot (package dovecot-imapd, installed by .ci/run). */
const DOVECOT = "/usr/sbin/dovecot";

/** Like the browser tests' Chromium: installed with apt when the tests run as root on Debian, else explained. */
function ensureDovecot(): void {
  if (existsSync(DOVECOT)) return;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get"))
    throw new Error(`The e-mail tests need Dovecot at ${DOVECOT}: sudo apt-get install -y dovecot-imapd`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "dovecot-imapd"], {
    stdio: "inherit",
    env,
  });
}

export type ImapAccount = { user: string; password: string };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, process: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (process.exitCode !== null) throw new Error(`dovecot exited: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      }).on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

/**
 * A real IMAP server for tests: Dovecot in the foreground with a configuration of its own in a
 * temporary folder (plain IMAP on 127.0.0.1, passwords from a file, Maildir storage), so nothing
 * of the machine's own mail setup is touched.
 */
export async function startImapServer(accounts: ImapAccount[]) {
  ensureDovecot();
  const dir = mkdtempSync(path.join(os.tmpdir(), "siar-imap-"));
  chmodSync(dir, 0o755);
  const mailDir = path.join(dir, "mail");
  mkdirSync(mailDir);
  chmodSync(mailDir, 0o777);
  const port = await freePort();
  writeFileSync(path.join(dir, "users"), accounts.map((a) => `${a.user}:{PLAIN}${a.password}`).join("\n"));
  // As root the mail processes run as the unprivileged "nobody"; otherwise as whoever runs the tests.
  const runAs =
    process.getuid?.() === 0 ? "uid=nobody gid=nogroup" : `uid=${process.getuid?.()} gid=${process.getgid?.()}`;
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:${mailDir}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = ${runAs} home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const configPath = path.join(dir, "dovecot.conf");
  writeFileSync(configPath, config);
  const child = spawn(DOVECOT, ["-F", "-c", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await waitForPort(port, child, () => output);

  /** Puts a raw message into an account's INBOX, as a mail server delivering it would. */
  async function deliver(account: ImapAccount, raw: string): Promise<void> {
    const client = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user: account.user, pass: account.password },
      logger: false,
    });
    await client.connect();
    try {
      await client.append("INBOX", raw);
    } finally {
      await client.logout();
    }
  }

  return {
    host: "127.0.0.1",
    port,
    deliver,
    async close() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
