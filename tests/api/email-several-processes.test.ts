import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { describe, expect, it, vi } from "vitest";
import { fileWaitingEmails } from "@server/inbox/email/filing.js";
import { MailIntake } from "@server/inbox/email/intake.js";
import { signedIn } from "../helpers/client.js";
import { startImapServer } from "../helpers/imapServer.js";
import { startTestSiarsOnPostgres } from "../helpers/siar.js";

// Two server processes on one PostgreSQL share a unit's mailbox: each message is kept and filed once.

describe.skipIf(!process.env.DATABASE_URL)("a mailbox read by two processes", () => {
  it("files every message once", async () => {
    const account = { user: "pengaduan@tayan.sanggau.test", password: "sandi" };
    const imap = await startImapServer([account]);
    const servers = await startTestSiarsOnPostgres(2);
    try {
      const [first, second] = servers as [(typeof servers)[0], (typeof servers)[0]];
      const admin = await signedIn(first.url, "admin@sanggau.demo");
      const unit = await first.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } });
      const connected = await admin.post("/api/channels", {
        unitId: unit.id,
        kind: "email",
        credentials: { imapPassword: account.password },
        settings: { imapHost: imap.host, imapPort: String(imap.port), imapTls: "false", imapUser: account.user },
      });
      expect(connected.status).toBe(201);
      const count = 12;
      for (let n = 1; n <= count; n++) {
        const mail = new MailComposer({
          from: `warga${n}@warga.test`,
          to: account.user,
          subject: `Laporan ${n}`,
          messageId: `<several-${n}@warga.test>`,
          text: `Lampu jalan mati nomor ${n}`,
        });
        await imap.deliver(account, (await mail.compile().build()).toString());
      }
      // Past the next regular poll (a minute) but within a reading's lease (five): a mailbox one
      // process is reading stays out of the other's reach.
      const dueBy = new Date(Date.now() + 2 * 60_000);
      // Both processes read and file at once, beside their own background jobs.
      await vi.waitFor(
        async () => {
          await Promise.all(
            [first, second].map(async (siar) => {
              await new MailIntake(siar.services).readDue({ dueBy });
              await fileWaitingEmails(siar.services);
            }),
          );
          expect(await first.services.prisma.inboxItem.count({ where: { source: "email" } })).toBe(count);
          expect(
            await first.services.prisma.webhookReceipt.count({ where: { source: "email", processedAt: null } }),
          ).toBe(0);
        },
        { timeout: 60_000, interval: 300 },
      );
      // Each message was fetched from the mailbox once: the claim kept the other process out.
      expect(await first.services.prisma.webhookReceipt.count({ where: { source: "email" } })).toBe(count);
    } finally {
      for (const siar of servers) await siar.close();
      await imap.close();
    }
  }, 120_000);
});
