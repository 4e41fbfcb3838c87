import { describe, expect, it } from "vitest";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

// An officer records an item as forwarded to SP4N-LAPOR! from the item's page, reads the ready
// text (without the citizen's identity), records LAPOR!'s status, and sees both on the timeline.
const suite = browserSuite();

async function kapuasComplaint(): Promise<string> {
  const { prisma } = suite.siar.services;
  const kapuas = await prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } });
  const sentAt = new Date();
  const conversation = await prisma.conversation.create({
    data: { source: "web_report", threadKey: "lapor-browser", authorKey: "warga-lapor", lastItemAt: sentAt },
  });
  const item = await prisma.inboxItem.create({
    data: {
      conversationId: conversation.id,
      source: "web_report",
      platformId: "lapor-browser",
      authorName: "Siti Aminah Warga",
      contact: { email: "siti.aminah@contoh.id" },
      text: "Lampu jalan di depan pasar Kapuas mati sudah dua minggu.",
      sentAt,
      receivedAt: sentAt,
      status: "assigned",
      kind: "pengaduan",
      category: "infrastruktur",
      placeUnitId: kapuas.id,
      unitId: kapuas.id,
    },
  });
  return item.id;
}

describe("the LAPOR! panel", () => {
  it("records a hand-off and LAPOR!'s status, with a ready text that leaves the citizen out", async () => {
    const id = await kapuasComplaint();
    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "petugas.kapuas@sanggau.demo");
      await page.goto(`/app/inbox/${id}`);
      const panel = page.getByTestId("lapor-panel");
      await panel.getByLabel("Nomor pelacakan LAPOR!").fill("LPR2026BROWSER1");
      await panel.getByRole("button", { name: "Catat" }).click();
      await panel.getByTestId("lapor-tracking").getByText("LPR2026BROWSER1").waitFor();
      await panel.getByText("Verifikasi LAPOR! (3 hari kerja)").waitFor();

      await panel.getByText("Teks siap salin untuk LAPOR!").click();
      const title = await panel.getByTestId("lapor-field-judul").innerText();
      expect(title).toBe("Pengaduan (Infrastruktur) di Kecamatan Kapuas");
      const body = await panel.getByTestId("lapor-field-isiLaporan").innerText();
      expect(body).toContain("Lampu jalan di depan pasar Kapuas");
      const fields = await panel.locator(".lapor-fields").innerText();
      expect(fields).not.toContain("Siti Aminah");
      expect(fields).not.toContain("siti.aminah@contoh.id");

      await panel.getByLabel("Status di LAPOR!").selectOption("selesai");
      await page.getByText("Status LAPOR! diperbarui").first().waitFor();
      await page.getByText("Dicatat di SP4N-LAPOR!").first().waitFor();
      const handoff = await suite.siar.services.prisma.laporHandoff.findUniqueOrThrow({ where: { itemId: id } });
      expect(handoff).toMatchObject({ trackingNumber: "LPR2026BROWSER1", status: "selesai", direction: "forwarded" });
    } finally {
      await closePage(page);
    }
  });
});
