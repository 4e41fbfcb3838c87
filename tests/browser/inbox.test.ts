import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { commentArrives, publishPagePost } from "../helpers/inbox.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "1" });

// The inbox as a petugas of Kecamatan Kapuas uses it: what reaches them, why it was triaged so,
// correcting it, answering on Facebook, and citizens' text that must stay text.

let humas: ApiClient;
let pagePostId: string;

beforeAll(async () => {
  humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
  const facebook = await suite.siar.services.prisma.channel.findFirstOrThrow({
    where: { kind: "facebook" },
    select: { id: true, unitId: true },
  });
  pagePostId = await publishPagePost(suite.siar, humas, {
    unitId: facebook.unitId,
    channelId: facebook.id,
    title: "Info layanan",
    body: "Layanan publik Kabupaten Sanggau.",
  });
});

const arrives = (text: string) => commentArrives(suite.siar, pagePostId, text);

async function asOfficerOfKapuas(test: (page: Page) => Promise<void>) {
  const page = await openPage(suite.browser, suite.siar.url);
  // A script in a citizen's text would show itself as a dialog.
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  try {
    await logInToApp(page, "petugas.kapuas@sanggau.demo");
    await test(page);
  } finally {
    await closePage(page);
  }
}

describe("inbox in the browser", () => {
  it("shows an officer their unit's complaint with its triage reasons, takes a correction and a reply on Facebook", async () => {
    const complaint = await arrives("Pelayanan di kantor camat Kapuas lambat sekali, pegawainya malah main hp");
    await arrives("Jalan di Kecamatan Tayan Hulu rusak parah, mohon segera diperbaiki");
    const triaged = (await humas.get(`/api/inbox/${complaint}`)).body.item;
    expect(triaged).toMatchObject({ status: "triaged", kind: "pengaduan", unit: { name: "Kecamatan Kapuas" } });
    const matchedWord: string = triaged.triage.category.reasons[0].matched;
    const correctedUrgency = triaged.urgency === "tinggi" ? "darurat" : "tinggi";

    await asOfficerOfKapuas(async (page) => {
      await page.goto("/app/inbox");
      await page.getByRole("link", { name: /lambat sekali/ }).waitFor();
      expect(await page.getByRole("link", { name: /Tayan Hulu rusak/ }).count()).toBe(0);

      await page.getByRole("link", { name: /lambat sekali/ }).click();
      await page.getByRole("heading", { name: "Triase" }).waitFor();
      expect(await page.locator(".triage").innerText()).toContain(`“${matchedWord}”`);

      await page.getByLabel("Urgensi", { exact: true }).selectOption(correctedUrgency);
      await page.locator(".triage").getByText("Dikoreksi petugas").waitFor();

      // "r" (outside any field) jumps to the reply box.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("r");
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      expect(await page.locator(".composer-box").innerText()).toContain("Balasan dikirim sebagai komentar di Facebook");

      const reply = "Terima kasih, laporan Anda kami teruskan ke Camat Kapuas.";
      await page.getByLabel("Balasan", { exact: true }).fill(reply);
      await page.getByRole("button", { name: "Kirim balasan" }).click();
      await page.getByRole("status").filter({ hasText: "Balasan terkirim." }).waitFor();
      await page.locator(".inbox-item__badges").getByText("Dijawab").waitFor();
      await page.getByTestId("timeline-reply").getByText(reply).waitFor();

      const comments = [...suite.siar.services.sandbox!.state.graph.comments.values()];
      expect(comments.some((comment) => comment.message === reply)).toBe(true);
      expect((await humas.get(`/api/inbox/${complaint}`)).body.item).toMatchObject({
        status: "answered",
        urgency: correctedUrgency,
        triage: { urgency: { source: "staff" } },
      });
    });
  });

  it("shows a citizen's markup as text, never as an element", async () => {
    const markup = "Kantor camat Kapuas tutup <img src=x onerror=alert(1)> padahal jam kerja";
    const id = await arrives(markup);

    await asOfficerOfKapuas(async (page) => {
      await page.goto(`/app/inbox/${id}`);
      const text = page.getByTestId("citizen-text");
      await text.waitFor();
      expect(await text.innerText()).toBe(markup);
      expect(await page.locator("img").count()).toBe(0);

      await page.goto("/app/inbox");
      await page.getByRole("link", { name: /tutup <img/ }).waitFor();
      expect(await page.locator("img").count()).toBe(0);
    });
  });
});

describe("merging duplicates", () => {
  it("files a duplicate found by searching under the first report, and links both timelines", async () => {
    const first = await arrives("Pungli parkir di halaman kantor camat Kapuas, tiap motor diminta 5 ribu");
    const duplicate = await arrives("Masih ada pungli parkir di kantor camat Kapuas, motor ditarik 5 ribu");

    await asOfficerOfKapuas(async (page) => {
      await page.goto(`/app/inbox/${duplicate}`);
      const panel = page.getByRole("region", { name: "Gabungkan duplikat" });
      await panel.getByLabel("Cari pesan utama").fill("pungli parkir");
      await panel.getByRole("button", { name: "Cari" }).click();
      await panel.getByRole("radio", { name: /halaman kantor camat Kapuas/ }).check();
      // The item itself is never offered.
      expect(await panel.getByRole("radio", { name: /Masih ada pungli/ }).count()).toBe(0);
      await panel.getByRole("button", { name: "Gabungkan" }).click();
      await panel.getByRole("button", { name: /^Ya, gabungkan ke pesan/ }).click();

      await page.getByTestId("timeline-merged").waitFor();
      await page.locator(".inbox-item__badges").getByText("Selesai").waitFor();
      expect(await panel.count()).toBe(0);
      await page.getByRole("link", { name: "Buka pesan tujuan penggabungan" }).click();
      await page.waitForURL(`**/app/inbox/${first}`);
      await page.getByTestId("timeline-merged_in").getByRole("link", { name: "Buka pesan yang digabung" }).waitFor();
    });
    expect((await humas.get(`/api/inbox/${duplicate}`)).body.item).toMatchObject({
      mergedIntoId: first,
      status: "resolved",
    });
  });
});

describe("live arrivals", () => {
  it("announces a new item while the list is open, and shows it on request", async () => {
    await asOfficerOfKapuas(async (page) => {
      await page.goto("/app/inbox");
      // The list must have loaded (items of the earlier tests) and the socket connected before
      // the new item arrives; otherwise it would simply be part of the first page.
      await page.locator("tbody tr").first().waitFor();
      await page.waitForTimeout(1000);
      await arrives("Pelayanan di kantor camat Kapuas lambat, antre dari pagi belum dipanggil");
      const notice = page.getByText(/1 pesan baru masuk/);
      await notice.waitFor({ timeout: 10_000 });
      await page.getByRole("button", { name: "Tampilkan" }).click();
      await page.getByText("antre dari pagi belum dipanggil").first().waitFor();
      expect(await notice.count()).toBe(0);
    });
  });
});
