import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { submitWebReport, type WebReportInput } from "@server/inbox/webReports.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { partOf, startMailbox, subjectOf } from "../helpers/mailbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Replies to website reports: on the tracking page always, and by e-mail when the citizen left an address.

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let siar: TestSiar;
let humas: ApiClient;
let kapuas: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  siar = await startTestSiar({
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    SMTP_FROM: "Siar <siar@example.go.id>",
    PUBLIC_BASE_URL: "https://siar.example.go.id",
  });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  kapuas = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } })).id;
});
afterAll(async () => {
  await siar?.close();
  await mailbox?.close();
});

/** A web report, once the automatic triage that follows its arrival is done (so it does not race the test). */
async function reportFrom(name: string, contact: WebReportInput["contact"]) {
  const report = await submitWebReport(siar.services, {
    name,
    contact,
    placeUnitId: kapuas,
    citizenCategory: null,
    text: "Saluran air di gang kami tersumbat sampah",
    location: null,
  });
  await vi.waitFor(
    async () =>
      expect(
        (await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: report.itemId } })).kind,
      ).not.toBeNull(),
    { timeout: 10_000 },
  );
  return report;
}

const emailEvents = async (itemId: string) =>
  (await humas.get(`/api/inbox/${itemId}`)).body.timeline.filter((event: { type: string }) => event.type === "email");

describe("replying to a web report", () => {
  it("e-mails the reply to the citizen's address, escaped, with the tracking link, and records that it was sent", async () => {
    const { itemId, trackingNumber } = await reportFrom("Dewi <b>Lestari</b>", {
      phone: "+6281311112222",
      email: "dewi@contoh.id",
    });
    const reply = await humas.post(`/api/inbox/${itemId}/reply`, {
      text: "Petugas kebersihan datang besok pagi.\n\nTerima kasih <script>x</script>",
    });
    expect(reply.status).toBe(200);

    expect(mailbox.messages).toHaveLength(1);
    const [mail] = mailbox.messages;
    expect(mail!.to).toEqual(["dewi@contoh.id"]);
    expect(subjectOf(mail!.raw)).toBe(`Tanggapan atas laporan ${trackingNumber}`);
    const body = partOf(mail!.raw, "text/html").toString("utf8");
    expect(body).toContain("Yth. Dewi &lt;b&gt;Lestari&lt;/b&gt;,");
    expect(body).toContain("Terima kasih &lt;script&gt;x&lt;/script&gt;");
    expect(body).toContain(`href="https://siar.example.go.id/lacak/${trackingNumber}"`);
    expect(partOf(mail!.raw, "text/plain").toString("utf8")).toContain("Petugas kebersihan datang besok pagi.");

    const [event] = await emailEvents(itemId);
    expect(event).toMatchObject({ data: { status: "sent" }, actor: { name: "Rina Humas" } });
    const audit = await siar.services.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: itemId, action: "inbox.email" },
    });
    expect(JSON.stringify(audit.changes)).not.toContain("dewi@contoh.id");
    // The tracking page keeps showing the reply.
    const tracking = await fetch(`${siar.url}/lacak/${trackingNumber}`);
    expect(await tracking.text()).toContain("Petugas kebersihan datang besok pagi.");
  });

  it("sends nothing when the citizen left only a phone number", async () => {
    const before = mailbox.messages.length;
    const { itemId } = await reportFrom("Budi", { phone: "+6281200001111" });
    expect((await humas.post(`/api/inbox/${itemId}/reply`, { text: "Sudah kami teruskan." })).status).toBe(200);
    expect(mailbox.messages).toHaveLength(before);
    expect(await emailEvents(itemId)).toEqual([]);
  });

  it("keeps the reply and records the reason when the e-mail cannot be sent", async () => {
    const { itemId } = await reportFrom("Sari", { email: "sari@contoh.id" });
    await mailbox.close();
    const reply = await humas.post(`/api/inbox/${itemId}/reply`, { text: "Kami tindak lanjuti." });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("answered");
    const [event] = await emailEvents(itemId);
    expect(event.data.status).toBe("failed");
    expect(event.data.reason).toMatch(/ECONNREFUSED|connect/i);
  });
});

describe("without a mail server", () => {
  it("records that the e-mail could not be sent because SMTP is not configured", async () => {
    const plain = await startTestSiar();
    try {
      const staff = await signedIn(plain.url, "humas@sanggau.demo");
      const place = (await plain.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } })).id;
      const { itemId } = await submitWebReport(plain.services, {
        name: "Ani",
        contact: { email: "ani@contoh.id" },
        placeUnitId: place,
        citizenCategory: null,
        text: "Lampu jalan mati",
        location: null,
      });
      expect((await staff.post(`/api/inbox/${itemId}/reply`, { text: "Terima kasih." })).status).toBe(200);
      const timeline = (await staff.get(`/api/inbox/${itemId}`)).body.timeline;
      expect(timeline.find((event: { type: string }) => event.type === "email").data).toEqual({
        status: "failed",
        reason: "smtp_not_configured",
      });
    } finally {
      await plain.close();
    }
  });
});
