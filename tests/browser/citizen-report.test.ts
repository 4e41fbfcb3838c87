import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { partOf, startMailbox } from "../helpers/mailbox.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());
const suite = browserSuite({ SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, SMTP_FROM: "Siar <siar@example.go.id>" });

// A citizen's report from the website's form, with a photo, to a staff reply (from a canned
// response) the citizen reads on the tracking page and in their mailbox.

describe("aspiration form → tracking number → staff reply → citizen sees it", () => {
  it("works end to end in the browser", async () => {
    const citizen = await openPage(suite.browser, suite.siar.url);
    await citizen.goto("/");
    await citizen.getByRole("link", { name: "Sampaikan aspirasi atau pengaduan" }).click();
    await citizen.getByLabel("Nama", { exact: true }).fill("Yohanes Ubin");
    await citizen.getByLabel("Nomor HP/WhatsApp").fill("0812 3456 7890");
    await citizen.getByLabel("Email").fill("yohanes@contoh.id");
    await citizen.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Kecamatan Kapuas" });
    await citizen.getByLabel("Kategori", { exact: true }).selectOption("pelayanan_publik");
    await citizen
      .getByLabel("Isi laporan")
      .fill("Pelayanan di kantor camat Kapuas lambat sekali, sudah tiga kali datang belum selesai <b>tolong</b>");
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#c0392b" } })
      .withExif({ IFD0: { Make: "KameraHP" } })
      .jpeg()
      .toBuffer();
    await citizen
      .getByLabel("Foto (tidak wajib)")
      .setInputFiles({ name: "antrean.jpg", mimeType: "image/jpeg", buffer: photo });
    await citizen.getByRole("checkbox").check();
    // The form refuses reports sent faster than a person can fill it in.
    await citizen.waitForTimeout(3200);
    await citizen.getByRole("button", { name: "Kirim laporan" }).click();
    const number = (await citizen.locator("text=/SIAR-\\d{4}-[A-Z0-9]{6}/").first().innerText()).match(
      /SIAR-\d{4}-[A-Z0-9]{6}/,
    )![0];

    const officer = await openPage(suite.browser, suite.siar.url);
    await logInToApp(officer, "petugas.kapuas@sanggau.demo");
    const item = await suite.siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber: number } });
    for (
      let i = 0;
      i < 50 && !(await suite.siar.services.prisma.inboxItem.findUnique({ where: { id: item.id } }))?.unitId;
      i++
    )
      await officer.waitForTimeout(100);
    await officer.goto(`/app/inbox/${item.id}`);
    // The citizen's markup is shown as text.
    await officer.getByText("<b>tolong</b>", { exact: false }).first().waitFor();
    // Staff see the photo (served to them only).
    const shown = officer.getByRole("img", { name: "Foto yang dikirim Yohanes Ubin bersama laporannya" });
    await shown.waitFor();
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    // A canned response, previewed with its variables filled in, then completed by hand.
    await officer.getByLabel("Templat jawaban").selectOption({ label: "Terima kasih, sedang ditindaklanjuti (ID)" });
    expect(await officer.getByTestId("template-preview").innerText()).toBe(
      "Terima kasih, Yohanes Ubin. Laporan Anda sudah kami terima dan sedang ditindaklanjuti oleh Kecamatan Kapuas.",
    );
    await officer.getByRole("button", { name: "Gunakan templat ini" }).click();
    const reply = officer.getByLabel("Balasan", { exact: true });
    await reply.fill(`${await reply.inputValue()} Berkas Bapak selesai hari Kamis.`);
    await officer.getByRole("button", { name: "Kirim balasan" }).click();
    await officer.getByText("Dijawab").first().waitFor();
    await officer.getByText("Balasan juga terkirim ke email pelapor.").waitFor();
    const sent =
      "Terima kasih, Yohanes Ubin. Laporan Anda sudah kami terima dan sedang ditindaklanjuti oleh Kecamatan Kapuas. Berkas Bapak selesai hari Kamis.";
    expect(mailbox.messages.map((mail) => mail.to)).toEqual([["yohanes@contoh.id"]]);
    expect(partOf(mailbox.messages[0]!.raw, "text/plain").toString("utf8")).toContain(sent);

    await citizen.goto(`/lacak/${number.toLowerCase()}`);
    const page = await citizen.locator("main").innerText();
    expect(page).toContain(sent);
    expect(await citizen.locator("main img").count()).toBe(0);
    expect(page).toContain("Dijawab");
    expect(page).not.toContain("0812");
    expect(page).not.toContain("Budi Petugas Kapuas");
    await closePage(officer);
    await closePage(citizen);
  });
});
