import { ImapFlow } from "imapflow";
import { ChannelError, type ChannelAdapter, type ChannelTarget } from "./adapter.js";

/**
 * A unit's mailbox. Settings are not secret: where IMAP is (host, port, TLS), who logs in, and
 * optionally the unit's own SMTP server for replies; without `smtpHost` replies go through the
 * installation's SMTP_URL, from the mailbox's address.
 */
export type EmailSettings = {
  imapHost: string;
  imapPort?: string;
  /** "false" for plain IMAP (a server on the same host); TLS otherwise. */
  imapTls?: string;
  imapUser: string;
  /** The address citizens write to and replies come from; the IMAP user when it is an address. */
  address?: string;
  smtpHost?: string;
  smtpPort?: string;
  /** "false" for SMTP with STARTTLS or none (port 587/25); implicit TLS otherwise. */
  smtpTls?: string;
  smtpUser?: string;
};
export type EmailCredentials = { imapPassword: string; smtpPassword?: string };

const DEFAULT_IMAP_TLS_PORT = 993;
const DEFAULT_IMAP_PLAIN_PORT = 143;
const TIMEOUT_MS = 20_000;

const settingsOf = (target: ChannelTarget) => target.settings as EmailSettings;
const isOff = (flag: string | undefined) => flag === "false";

/** The address replies are sent from (and the channel's external id). */
export function mailboxAddress(settings: EmailSettings): string {
  return (settings.address || settings.imapUser).trim().toLowerCase();
}

/** An IMAP client for the mailbox, not yet connected; logging off (it would print addresses). */
export function imapClientFor(target: ChannelTarget): ImapFlow {
  const settings = settingsOf(target);
  const tls = !isOff(settings.imapTls);
  return new ImapFlow({
    host: settings.imapHost,
    port: Number(settings.imapPort) || (tls ? DEFAULT_IMAP_TLS_PORT : DEFAULT_IMAP_PLAIN_PORT),
    secure: tls,
    auth: { user: settings.imapUser, pass: (target.credentials as EmailCredentials).imapPassword },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 5 * 60_000,
  });
}

/** An IMAP failure as the inbox handles channel failures: a refused login needs new credentials. */
export function imapFailure(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const failure = error as { authenticationFailed?: boolean; code?: string; message?: string };
  if (failure.authenticationFailed)
    return new ChannelError("reconnect", "email:auth_failed", "E-mail: the IMAP server refused the login");
  return new ChannelError(
    "transient",
    `email:${failure.code ?? "imap_error"}`,
    `E-mail: IMAP failed (${failure.code ?? (error instanceof Error ? error.name : "error")})`,
  );
}

/** Connects, runs `work`, and always logs out. */
export async function withImap<T>(target: ChannelTarget, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClientFor(target);
  // A dropped connection is reported through the promise below; the event must not crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw imapFailure(error);
  }
  try {
    return await work(client);
  } catch (error) {
    throw imapFailure(error);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

const notPublishing = () =>
  new ChannelError("permanent", "email:publish_unsupported", "E-mail: a mailbox carries citizens' mail, not posts");

/** A mailbox is an inbox channel only: connecting checks the IMAP login; citizens' mail is read by server/inbox/email. */
export const emailAdapter: ChannelAdapter = {
  kind: "email",
  verify: async (target) => {
    const settings = settingsOf(target);
    if (!settings.imapHost || !settings.imapUser || !(target.credentials as EmailCredentials).imapPassword)
      throw new ChannelError("permanent", "email:incomplete", "E-mail: IMAP host, user and password are required");
    await withImap(target, (client) => client.mailboxOpen("INBOX", { readOnly: true }));
    const address = mailboxAddress(settings);
    return { name: address, externalId: address };
  },
  publish: async () => {
    throw notPublishing();
  },
  findPublished: async () => null,
  remove: async () => {
    throw notPublishing();
  },
};
