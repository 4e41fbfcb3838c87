import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { webhooksFiled } from "../helpers/inbox.js";
import { JPEG_BYTES } from "../sandbox/adapters/fixtures.js";
import { fetchWhatsAppMedia } from "@server/inbox/whatsappMedia.js";
import { guideRecentWhatsAppItems } from "@server/inbox/whatsappGuide.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });

// A citizen writes to the kabupaten's WhatsApp hotline with a photo and a shared location; the
// petugas of Kecamatan Kapuas finds it triaged and routed to them, answers it in the window and,
// for an older message, with a template; the citizen's WhatsApp (the sandbox) got the tracking number.

let admin: ApiClient;
const whatsapp = () => suite.siar.services.sandbox!.control.whatsapp;
const WA_ID = "6281299887766";

async function filed(platformId: string) {
  await webhooksFiled(suite.siar);
  await fetchWhatsAppMedia(suite.siar.services);
  await guideRecentWhatsAppItems(suite.siar.services);
  return suite.siar.services.prisma.inboxItem.findFirstOrThrow({ where: { platformId } });
}

beforeAll(async () => {
  admin = await signedIn(suite.siar.url, "admin@sanggau.demo");
});

describe("WhatsApp in the browser", () => {
  it("shows a petugas a citizen's photo and location, takes a reply and a template after the window", async () => {
    const photo = whatsapp().citizenWrites({
      waId: WA_ID,
      name: "Bu Rina",
      type: "image",
      text: "Pelayanan di kantor camat Kapuas lambat sekali, antre dari pagi belum dilayani",
      mediaBase64: JPEG_BYTES.toString("base64"),
    });
    const photoItem = await filed(photo.id);
    const place = whatsapp().citizenWrites({
      waId: WA_ID,
      type: "location",
      location: {
        latitude: 0.1301,
        longitude: 110.5712,
        name: "Kantor Camat Kapuas",
        address: "Jl. Jend. Sudirman, Kapuas",
      },
    });
    await filed(place.id);
    const routed = (await admin.get(`/api/inbox/${photoItem.id}`)).body.item;
    expect(routed).toMatchObject({ unit: { name: "Kecamatan Kapuas" } });

    // The citizen's WhatsApp got the thanks with the tracking number, once.
    const toCitizen = () =>
      whatsapp()
        .sent()
        .filter((message) => message.to === WA_ID);
    expect(toCitizen()).toHaveLength(1);
    expect(toCitizen()[0]!.text).toContain(`nomor pelacakan ${routed.trackingNumber}`);

    const page = await openPage(suite.browser, suite.siar.url);
    page.on("dialog", (dialog) => {
      throw new Error(`unexpected dialog: ${dialog.message()}`);
    });
    try {
      await logInToApp(page, "petugas.kapuas@sanggau.demo");
      await page.goto(`/app/inbox/${photoItem.id}`);
      await page.getByText("antre dari pagi").first().waitFor();
      await page.locator(".citizen-photo img").waitFor();
      // The photo loads (served to the signed-in officer from Siar's storage).
      await page.waitForFunction(
        () => (document.querySelector(".citizen-photo img") as HTMLImageElement)?.naturalWidth > 0,
      );
      // The whole number, for the one handling it; the location in the same conversation.
      expect(await page.getByTestId("author-phone").innerText()).toContain(`+${WA_ID}`);
      await page.getByText("Kantor Camat Kapuas").first().waitFor();
      expect(await page.locator(".composer-box").innerText()).toContain("Jendela layanan 24 jam terbuka");

      const reply = "Terima kasih Bu Rina, kami sampaikan ke Camat Kapuas hari ini.";
      await page.getByLabel("Balasan", { exact: true }).fill(reply);
      await page.getByRole("button", { name: "Kirim balasan" }).click();
      await page.getByRole("status").filter({ hasText: "Balasan terkirim." }).waitFor();
      expect(toCitizen().at(-1)).toMatchObject({ type: "text", text: reply });

      // An older message, its window closed: only a template the admins listed can go.
      const channel = await suite.siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "whatsapp" } });
      await admin.post(`/api/channels/${channel.id}/whatsapp-templates`, {
        name: "laporan_ditindaklanjuti",
        language: "id",
        parameters: ["item_reference", "reply_text"],
      });
      const old = whatsapp().citizenWrites({
        waId: "6281299001122",
        text: "Petugas di kantor camat Kapuas sering tidak ada di tempat, pelayanan lambat sekali, sudah dua minggu",
        ageMs: 25 * 3600_000,
      });
      const oldItem = await filed(old.id);
      await page.goto(`/app/inbox/${oldItem.id}`);
      await page.getByText("sudah dua minggu").first().waitFor();
      await page.getByLabel("Templat WhatsApp").selectOption({ label: "laporan_ditindaklanjuti (id)" });
      await page.getByLabel("Balasan", { exact: true }).fill("KTP Anda sudah selesai dicetak");
      await page.getByRole("button", { name: "Kirim balasan" }).click();
      await page.getByRole("status").filter({ hasText: "Balasan terkirim." }).waitFor();
      expect(whatsapp().sent().at(-1)).toMatchObject({
        to: "6281299001122",
        type: "template",
        text: expect.stringContaining("KTP Anda sudah selesai dicetak"),
      });
    } finally {
      await closePage(page);
    }
  });
});
