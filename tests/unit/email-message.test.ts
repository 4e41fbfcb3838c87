import { describe, expect, it } from "vitest";
import { htmlAsText, readEmail } from "@server/inbox/email/message.js";

// Reading one raw e-mail: people's mail is read, machines' mail is recognised and set aside.

const raw = (headers: string[], body = "Jalan di depan rumah kami rusak.") =>
  Buffer.from([...headers, "", body, ""].join("\r\n"));
const citizen = ["From: Sari <sari@warga.test>", "To: pengaduan@kapuas.test", "Subject: Jalan rusak"];

describe("readEmail", () => {
  it.each([
    ["Auto-Submitted: auto-replied", "auto_reply"],
    ["X-Autoreply: yes", "auto_reply"],
    ["X-Autorespond: on", "auto_reply"],
    ["Precedence: auto_reply", "auto_reply"],
    ["Precedence: junk", "auto_reply"],
  ])("sets aside mail with %s", async (header, reason) => {
    expect(await readEmail(raw([...citizen, header]))).toEqual({ ignored: reason });
  });

  it("reads mail marked Auto-Submitted: no as a person's", async () => {
    expect(await readEmail(raw([...citizen, "Auto-Submitted: no"]))).toMatchObject({ subject: "Jalan rusak" });
  });

  it.each([
    ["Subject: Automatic reply: Jalan rusak", "auto_reply"],
    ["Subject: Out of office", "auto_reply"],
    ["Subject: Balasan otomatis", "auto_reply"],
  ])("sets aside a vacation subject (%s)", async (subject, reason) => {
    expect(await readEmail(raw(["From: a@warga.test", subject]))).toEqual({ ignored: reason });
  });

  it("sets aside bounces from the postmaster", async () => {
    expect(await readEmail(raw(["From: postmaster@mail.warga.test", "Subject: Undeliverable"]))).toEqual({
      ignored: "bounce",
    });
  });

  it("names a message without a Message-ID by its bytes, so it is still filed once", async () => {
    const first = await readEmail(raw(citizen));
    const again = await readEmail(raw(citizen));
    expect(first).toMatchObject({ messageId: expect.stringMatching(/^<[0-9a-f]{64}@siar\.invalid>$/) });
    expect(again).toMatchObject({ messageId: (first as { messageId: string }).messageId });
  });

  it("threads by In-Reply-To first, then References newest first, rooted at the first reference", async () => {
    const mail = await readEmail(
      raw([
        ...citizen,
        "Message-ID: <c@warga.test>",
        "In-Reply-To: <b@siar.test>",
        "References: <a@warga.test> <b@siar.test>",
      ]),
    );
    expect(mail).toMatchObject({ answers: ["<b@siar.test>", "<a@warga.test>"], threadRoot: "<a@warga.test>" });
  });

  it("takes the time it came for a date in the future", async () => {
    const mail = await readEmail(raw([...citizen, "Date: Tue, 1 Jan 2999 00:00:00 +0000"]));
    expect((mail as { sentAt: Date }).sentAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe("htmlAsText", () => {
  it("keeps words and link addresses, drops markup, scripts, styles and images", () => {
    const text = htmlAsText(
      "<style>p{color:red}</style><p>Lampu <b>mati</b> di <a href='https://peta.test/x'>sini</a></p><img src='https://pelacak.test/p.png'><script>alert(1)</script>",
    );
    expect(text).toContain("Lampu mati di sini [https://peta.test/x]");
    expect(text).not.toMatch(/<|color:red|pelacak|alert/);
  });
});
