import MailComposer from "nodemailer/lib/mail-composer/index.js";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fileWaitingEmails } from "@server/inbox/email/filing.js";
import { MailIntake } from "@server/inbox/email/intake.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startImapServer, type ImapAccount } from "../helpers/imapServer.js";
import { startMailbox, subjectOf } from "../helpers/mailbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// A unit's mailbox on a real IMAP server (Dovecot): citizens' e-mails come into the inbox, are
// triaged and routed, answered over SMTP from the unit's address, and their answers thread back.

const account: ImapAccount = { user: "pengaduan@kapuas.sanggau.test", password: "sandi-kotak-surat" };
let imap: Awaited<ReturnType<typeof startImapServer>>;
let smtp: Awaited<ReturnType<typeof startMailbox>>;
let siar: TestSiar;
let admin: ApiClient;
let humas: ApiClient;
let kapuas: string;
let channelId: string;

beforeAll(async () => {
  [imap, smtp] = await Promise.all([startImapServer([account]), startMailbox()]);
  siar = await startTestSiar({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: "Siar <siar@sanggau.test>" });
  [admin, humas] = await Promise.all([
    signedIn(siar.url, "admin@sanggau.demo"),
    signedIn(siar.url, "humas@sanggau.demo"),
  ]);
  kapuas = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } })).id;
});
afterAll(async () => {
  await siar?.close();
  await Promise.all([imap?.close(), smtp?.close()]);
});

const mailboxSettings = () => ({
  imapHost: imap.host,
  imapPort: String(imap.port),
  imapTls: "false",
  imapUser: account.user,
});

/** A message as a citizen's mail program would send it. */
async function composed(mail: ConstructorParameters<typeof MailComposer>[0]): Promise<string> {
  return (await new MailComposer({ to: account.user, ...mail }).compile().build()).toString("utf8");
}

let delivered = 0;
/** Puts a message in the unit's mailbox, as the citizen's mail server would. */
async function deliver(raw: string): Promise<void> {
  await imap.deliver(account, raw);
  delivered++;
}

/**
 * What a server process does in the background: read the mailbox now and file what it kept.
 * The server's own jobs may hold the mailbox's claim or a receipt's meanwhile (PostgreSQL runs
 * them beside the test): this waits until every delivered message is read and filed.
 */
async function readMailbox(): Promise<void> {
  const intake = new MailIntake(siar.services);
  await vi.waitFor(
    async () => {
      await intake.readDue({ dueBy: new Date(Date.now() + 3600_000) });
      await fileWaitingEmails(siar.services);
      const poll = await siar.services.prisma.channelPoll.findUniqueOrThrow({
        where: { channelId_stream: { channelId, stream: "mail" } },
      });
      expect(Number(poll.cursor?.split(":")[1])).toBe(delivered);
      expect(await siar.services.prisma.webhookReceipt.count({ where: { source: "email", processedAt: null } })).toBe(
        0,
      );
    },
    { timeout: 15_000, interval: 200 },
  );
}

const emailItems = () =>
  siar.services.prisma.inboxItem.findMany({ where: { source: "email" }, orderBy: { receivedAt: "asc" } });

async function triaged(platformId: string) {
  return vi.waitFor(
    async () => {
      const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({
        where: { source_platformId: { source: "email", platformId } },
      });
      expect(item.kind).not.toBeNull();
      return item;
    },
    { timeout: 10_000 },
  );
}

describe("connecting a mailbox", () => {
  it("refuses a wrong password with a clear error, and stores a right one sealed", async () => {
    const wrong = await admin.post("/api/channels", {
      unitId: kapuas,
      kind: "email",
      credentials: { imapPassword: "salah" },
      settings: mailboxSettings(),
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("channel_verification_failed");

    const connected = await admin.post("/api/channels", {
      unitId: kapuas,
      kind: "email",
      credentials: { imapPassword: account.password },
      settings: mailboxSettings(),
    });
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ kind: "email", name: account.user, status: "connected" });
    expect(JSON.stringify(connected.body)).not.toContain(account.password);
    channelId = connected.body.id;
    const stored = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(stored.credentials).not.toContain(account.password);
  });
});

describe("a mailbox", () => {
  it("is not a destination for posts", async () => {
    const post = await humas.post("/api/posts", {
      unitId: kapuas,
      title: "Pengumuman",
      body: "Isi",
      channelIds: [channelId],
    });
    expect(post.status).toBe(400);
    expect(post.body.error.code).toBe("channel_not_available");
  });
});

describe("a citizen's e-mail", () => {
  let itemId: string;
  let trackingNumber: string;
  let replyMessageId: string;
  const citizenMessageId = "<laporan-1@warga.test>";

  it("is filed from HTML as text with its photo for staff, triaged and routed to the unit", async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c00" } })
      .png()
      .toBuffer();
    await deliver(
      await composed({
        from: "Budi Santoso <budi@warga.test>",
        subject: "Pelayanan kantor camat",
        messageId: citizenMessageId,
        html: "<p>Pelayanan di kantor camat Kapuas <b>lambat sekali</b>, pegawainya malah main hp</p><script>alert(1)</script><img src='https://pelacak.test/x.png'>",
        attachments: [
          { filename: "antrean.png", content: photo, contentType: "image/png" },
          { filename: "surat.exe", content: Buffer.from("MZ"), contentType: "application/octet-stream" },
        ],
      }),
    );
    await readMailbox();
    const item = await triaged(citizenMessageId);
    itemId = item.id;
    trackingNumber = item.trackingNumber!;
    expect(trackingNumber).toMatch(/^SIAR-\d{4}-[A-Z0-9]{6}$/);

    const { body } = await humas.get(`/api/inbox/${itemId}`);
    expect(body.item).toMatchObject({
      source: "email",
      author: { name: "Budi Santoso", handle: "budi@warga.test" },
      contact: { email: "budi@warga.test" },
      kind: "pengaduan",
      category: "pelayanan_publik",
      unit: { id: kapuas },
      photo: { url: `/api/inbox/${itemId}/photo` },
    });
    expect(body.item.text).toContain("Pelayanan kantor camat");
    expect(body.item.text).toContain("lambat sekali");
    expect(body.item.text).not.toMatch(/<b>|<script|alert\(1\)|pelacak\.test/);
    const received = body.timeline.find((event: { type: string }) => event.type === "received");
    expect(received.data.attachments).toEqual([
      expect.objectContaining({ name: "antrean.png", kept: true }),
      expect.objectContaining({ name: "surat.exe", kept: false, reason: "type" }),
    ]);

    const photoResponse = await humas.get(`/api/inbox/${itemId}/photo`);
    expect(photoResponse.status).toBe(200);
    expect(photoResponse.headers.get("content-type")).toBe("image/jpeg");
    expect((await fetch(`${siar.url}/api/inbox/${itemId}/photo`)).status).toBe(401);
  });

  it("is answered from the unit's address with the tracking number and the thread's headers", async () => {
    const reply = await humas.post(`/api/inbox/${itemId}/reply`, {
      text: "Terima kasih, Pak Budi. Kami tegur petugasnya.",
    });
    expect(reply.status).toBe(200);
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.to).toEqual(["budi@warga.test"]);
    expect(subjectOf(mail!.raw)).toBe(`[${trackingNumber}] Re: Pelayanan kantor camat`);
    expect(mail!.raw).toMatch(/^From: .*<pengaduan@kapuas\.sanggau\.test>/m);
    expect(mail!.raw).toContain(`In-Reply-To: ${citizenMessageId}`);
    expect(mail!.raw).toMatch(new RegExp(`^References: ${citizenMessageId}`, "m"));
    replyMessageId = /^Message-ID: (<[^>]+>)/im.exec(mail!.raw)![1]!;
    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item.status).toBe("answered");
  });

  it("takes the citizen's answer into the same item, which opens again", async () => {
    await deliver(
      await composed({
        from: "Budi Santoso <budi@warga.test>",
        subject: `Re: [${trackingNumber}] Re: Pelayanan kantor camat`,
        messageId: "<laporan-2@warga.test>",
        inReplyTo: replyMessageId,
        references: [citizenMessageId, replyMessageId],
        text: "Sampai hari ini masih sama saja.",
      }),
    );
    await readMailbox();
    expect(await emailItems()).toHaveLength(1);
    const { body } = await humas.get(`/api/inbox/${itemId}`);
    expect(body.item.status).toBe("reopened");
    const answer = body.timeline.find((event: { type: string }) => event.type === "citizen_reply");
    expect(answer).toMatchObject({ body: "Sampai hari ini masih sama saja." });

    // The next reply names the whole thread and answers the citizen's latest message.
    await humas.post(`/api/inbox/${itemId}/reply`, { text: "Sudah kami sampaikan ke camat." });
    const second = smtp.messages[1]!.raw;
    expect(second).toContain("In-Reply-To: <laporan-2@warga.test>");
    expect(second.replace(/\r\n[ \t]+/g, " ")).toContain(
      `References: ${citizenMessageId} ${replyMessageId} <laporan-2@warga.test>`,
    );
  });

  it("files the same message once, however often it is read", async () => {
    await deliver(
      await composed({
        from: "budi@warga.test",
        subject: "Pelayanan kantor camat",
        messageId: citizenMessageId,
        text: "lagi",
      }),
    );
    await readMailbox();
    expect(await emailItems()).toHaveLength(1);
  });
});

describe("figures", () => {
  it("count e-mail as a source of its own, in the dashboard and its CSV export", async () => {
    const volume = await humas.get("/api/dashboard/volume?groupBy=source&bucket=month");
    expect(volume.body.totals.find((row: { key: string }) => row.key === "email")).toMatchObject({ count: 1 });
    const csv = await humas.get("/api/dashboard/volume?groupBy=source&bucket=month&format=csv&machine=1");
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toMatch(/^.*email.*1/m);
    const labelled = await humas.get("/api/dashboard/volume?groupBy=source&bucket=month&format=csv&lang=en");
    expect(String(labelled.body)).toMatch(/^.*E-mail.*1/m);
  });
});

describe("mail no person wrote", () => {
  it("files neither auto-replies nor bounces", async () => {
    const before = (await emailItems()).length;
    const automatic: ConstructorParameters<typeof MailComposer>[0][] = [
      {
        from: "cuti@warga.test",
        subject: "Out of Office: Laporan",
        headers: { "Auto-Submitted": "auto-replied" },
        text: "Saya cuti.",
      },
      {
        from: "robot@warga.test",
        subject: "Pemberitahuan",
        headers: { Precedence: "bulk" },
        text: "Kabar mingguan jalan rusak",
      },
      { from: "liburan@warga.test", subject: "Balasan otomatis: sedang cuti", text: "Kembali Senin." },
      {
        from: "MAILER-DAEMON@mail.warga.test",
        subject: "Undelivered Mail Returned to Sender",
        text: "The mail system could not deliver.",
      },
    ];
    for (const mail of automatic) await deliver(await composed(mail));
    // A delivery status notification (RFC 3464) from a server that signs as a person.
    await deliver(
      [
        "From: Mail Delivery <pos@warga.test>",
        `To: ${account.user}`,
        "Subject: Delivery Status Notification (Failure)",
        "Message-ID: <dsn-1@warga.test>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "Jalan rusak: pesan tidak terkirim.",
        "--b",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mail.warga.test",
        "",
        "Final-Recipient: rfc822; tidakada@warga.test",
        "Action: failed",
        "Status: 5.1.1",
        "--b--",
        "",
      ].join("\r\n"),
    );
    await readMailbox();
    expect(await emailItems()).toHaveLength(before);
    const ignored = await siar.services.prisma.webhookReceipt.findMany({
      where: { source: "email", lastError: { startsWith: "ignored:" } },
      select: { lastError: true },
    });
    expect(ignored.map((receipt) => receipt.lastError).sort()).toEqual([
      "ignored: auto_reply",
      "ignored: auto_reply",
      "ignored: auto_reply",
      "ignored: bounce",
      "ignored: bounce",
      "ignored: duplicate",
    ]);
    // Nothing was answered either: a reply to an auto-reply starts a mail loop.
    expect(smtp.messages).toHaveLength(2);
  });
});

describe("an answer without threading headers", () => {
  it("joins the item by the tracking number in its subject, only from the same sender", async () => {
    const item = await siar.services.prisma.inboxItem.findFirstOrThrow({ where: { source: "email" } });
    await deliver(
      await composed({
        from: "budi@warga.test",
        subject: `Tambahan untuk ${item.trackingNumber}`,
        messageId: "<tambahan-1@warga.test>",
        text: "Petugasnya sudah datang, terima kasih.",
      }),
    );
    await deliver(
      await composed({
        from: "orang.lain@warga.test",
        subject: `Soal ${item.trackingNumber}`,
        messageId: "<lain-1@warga.test>",
        text: "Saya juga mau lapor lampu mati di Kapuas.",
      }),
    );
    await readMailbox();
    const answers = await siar.services.prisma.inboxEvent.findMany({
      where: { itemId: item.id, type: "citizen_reply" },
      select: { remoteId: true },
    });
    expect(answers.map((answer) => answer.remoteId)).toContain("<tambahan-1@warga.test>");
    // Someone else quoting the number is a report of their own.
    const other = await siar.services.prisma.inboxItem.findUniqueOrThrow({
      where: { source_platformId: { source: "email", platformId: "<lain-1@warga.test>" } },
    });
    expect(other.id).not.toBe(item.id);
    expect(other.trackingNumber).not.toBe(item.trackingNumber);
  });
});
