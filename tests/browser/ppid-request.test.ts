import { afterAll, describe, expect, it } from "vitest";
import { startMailbox } from "../helpers/mailbox.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());
const suite = browserSuite({ SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, SMTP_FROM: "PPID <ppid@example.go.id>" });

// An information request end to end, as the applicant and each member of staff use it: filed on
// the website → forwarded by the PPID Utama → granted in part by the Kapuas PPID with a redacted
// file → downloaded and objected to by the applicant → answered by the atasan PPID (the camat) →
// the answer read by the applicant on their case page.

const NIK = "6103015503880002";
const CONSEQUENCE_TEST =
  "Membuka nilai penawaran peserta lain merugikan persaingan usaha yang sehat dalam pengadaan berikutnya.";

describe("information request → forward → partial grant → download → objection → answer", () => {
  it("works end to end in the browser", async () => {
    // The applicant files on the website, from the PPID's page.
    const applicant = await openPage(suite.browser, suite.siar.url);
    await applicant.goto("/");
    await applicant.getByRole("link", { name: "Informasi publik (PPID)" }).click();
    await applicant.getByRole("link", { name: "Ajukan permohonan informasi" }).click();
    await applicant.getByLabel("Jenis pemohon").selectOption("person");
    await applicant.getByLabel("Nama lengkap (sesuai identitas)").fill("Fransiska Ayu");
    await applicant.getByLabel("Jenis identitas").selectOption("nik");
    await applicant.getByLabel("Nomor identitas").fill(NIK);
    await applicant.getByLabel("Alamat").fill("Jl. Sudirman No. 4, Sanggau");
    await applicant.getByLabel("Nomor HP/telepon").fill("0813 1111 2222");
    await applicant.getByLabel("Email", { exact: true }).fill("fransiska@contoh.id");
    await applicant
      .getByLabel("Rincian informasi yang dibutuhkan")
      .fill("Dokumen kontrak rehabilitasi kantor camat Kapuas tahun 2026.");
    await applicant.getByLabel("Tujuan penggunaan informasi").fill("Pengawasan anggaran oleh warga.");
    await applicant.getByLabel("Cara memperoleh informasi").selectOption("copy");
    await applicant.getByLabel("Bentuk salinan").selectOption("soft_copy");
    await applicant.getByLabel("Cara mendapatkan salinan").selectOption("email");
    await applicant.getByRole("checkbox").check();
    // The form refuses requests sent faster than a person can fill it in.
    await applicant.waitForTimeout(3200);
    await applicant.getByRole("button", { name: "Kirim permohonan" }).click();
    await applicant.getByText("Permohonan Anda sudah kami terima.").waitFor();
    const casePath = new URL(applicant.url()).pathname;
    const number = /PPID-\d{4}-\d{5}/.exec(casePath)![0];
    expect(await applicant.locator("main").innerText()).not.toContain(NIK);

    // The PPID Utama forwards it to the Kapuas PPID.
    const utama = await openPage(suite.browser, suite.siar.url);
    await logInToApp(utama, "ppid@sanggau.demo");
    await utama.getByTestId("nav-dip").click();
    await utama.getByTestId("ppid-requests").click();
    await utama.getByRole("link", { name: number }).click();
    const forward = utama.getByRole("form", { name: "Teruskan (disposisi)" });
    await forward.getByLabel("Teruskan kepada").selectOption({ label: "Kecamatan Kapuas" });
    await forward.getByRole("button", { name: "Teruskan" }).click();
    await utama.getByText("Diteruskan dari Dinas Komunikasi dan Informatika kepada Kecamatan Kapuas").waitFor();
    await closePage(utama);

    // The Kapuas PPID uploads the contract and its redacted copy, and grants the request in part.
    const pelaksana = await openPage(suite.browser, suite.siar.url);
    await logInToApp(pelaksana, "ppid.kapuas@sanggau.demo");
    await pelaksana.getByTestId("nav-dip").click();
    await pelaksana.getByTestId("ppid-requests").click();
    await pelaksana.getByRole("link", { name: number }).click();
    await pelaksana.getByRole("button", { name: "Tampilkan nomor lengkap" }).click();
    await expect.poll(() => pelaksana.getByTestId("identity-number").innerText()).toBe(NIK);
    const upload = pelaksana.getByRole("form", { name: "Unggah berkas" });
    await upload.getByLabel("Berkas", { exact: true }).setInputFiles({
      name: "kontrak.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4 kontrak dengan nilai penawaran semua peserta"),
    });
    await upload.getByLabel("Bagikan kepada pemohon").uncheck();
    await upload.getByRole("button", { name: "Unggah berkas" }).click();
    await pelaksana.getByTestId("ppid-file").first().waitFor();
    const redaction = pelaksana.getByRole("form", { name: "Unggah berkas" });
    await redaction.getByLabel("Berkas", { exact: true }).setInputFiles({
      name: "kontrak-dihitamkan.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4 kontrak, nilai penawaran peserta lain dihitamkan"),
    });
    await redaction.getByLabel("Berkas ini adalah").selectOption({ label: "kontrak.pdf" });
    await redaction.getByLabel("Yang dihitamkan dan alasannya").fill("Nilai penawaran peserta lain");
    await redaction.getByLabel("Bagikan kepada pemohon").check();
    await redaction.getByRole("button", { name: "Unggah berkas" }).click();
    await pelaksana.getByText("Salinan hitam dari kontrak.pdf: Nilai penawaran peserta lain").waitFor();
    const decide = pelaksana.getByRole("form", { name: "Putuskan dan terbitkan pemberitahuan tertulis" });
    await decide.getByLabel("Keputusan").selectOption("granted_in_part");
    await decide.getByLabel("b. mengganggu hak kekayaan intelektual dan persaingan usaha sehat").check();
    await decide.getByLabel("Uji konsekuensi").fill(CONSEQUENCE_TEST);
    await decide.getByLabel("Dikecualikan sampai").fill("2030-12-31");
    await decide
      .getByLabel("Bagian yang dihitamkan dan alasannya")
      .fill("Nilai penawaran peserta lain pada lampiran harga.");
    await decide.getByRole("button", { name: "Terbitkan pemberitahuan" }).click();
    await pelaksana.getByRole("heading", { name: "Pemberitahuan tertulis", exact: true }).waitFor();
    await closePage(pelaksana);

    // The applicant reads the decision, downloads the redacted copy (never the original) and objects.
    await applicant.goto(casePath);
    await applicant.getByText("Dikabulkan sebagian").first().waitFor();
    expect(await applicant.getByRole("link", { name: /kontrak\.pdf/ }).count()).toBe(0);
    const link = applicant.getByRole("link", { name: /kontrak-dihitamkan\.pdf/ });
    const file = await applicant.request.get((await link.getAttribute("href"))!);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-disposition"]).toContain("kontrak-dihitamkan.pdf");
    expect((await file.body()).toString()).toContain("dihitamkan");
    await applicant.getByRole("link", { name: "Ajukan keberatan" }).click();
    await applicant.getByLabel(/^a\. permohonan informasi ditolak/).check();
    await applicant.getByLabel("Kasus posisi").fill("Nilai kontrak adalah uang rakyat dan tidak boleh dihitamkan.");
    await applicant.waitForTimeout(3200);
    await applicant.getByRole("button", { name: "Kirim keberatan" }).click();
    await applicant.getByText(/Keberatan Anda sudah kami terima dengan nomor KEB-\d{4}-\d{5}/).waitFor();

    // The camat, atasan of the Kapuas PPID, answers in writing.
    const atasan = await openPage(suite.browser, suite.siar.url);
    await logInToApp(atasan, "camat.kapuas@sanggau.demo");
    await atasan.getByTestId("nav-dip").click();
    await atasan.getByTestId("ppid-objections").click();
    await atasan.getByRole("link", { name: /^KEB-/ }).first().click();
    const answer = atasan.getByRole("form", { name: "Tanggapi keberatan" });
    await answer.getByLabel("Keputusan").selectOption("accepted");
    await answer
      .getByLabel("Tanggapan tertulis")
      .fill("Keberatan diterima: nilai kontrak dibuka, hanya data pribadi yang dihitamkan.");
    await answer.getByLabel("Ditandatangani sebagai").fill("Camat Kapuas");
    await answer.getByRole("button", { name: "Kirim tanggapan" }).click();
    await atasan.getByRole("heading", { name: "Tanggapan atasan PPID" }).waitFor();
    await closePage(atasan);

    // The applicant sees the answer on their case page.
    await applicant.goto(casePath);
    const page = await applicant.locator("main").innerText();
    expect(page).toContain("Keberatan diterima: nilai kontrak dibuka, hanya data pribadi yang dihitamkan.");
    expect(page).toContain("Komisi Informasi");
    expect(page).not.toContain(NIK);
    expect(mailbox.messages.filter((mail) => mail.to.includes("fransiska@contoh.id"))).toHaveLength(3);
    await closePage(applicant);
  });

  it("shows the PPID's figures on the leaders' dashboard and keeps the annual report's prose", async () => {
    await suite.asUser("pimpinan@sanggau.demo", async (page) => {
      await page.goto("/app/dashboard");
      await page.getByRole("heading", { name: "Layanan informasi publik (PPID)" }).waitFor();
      await expect.poll(() => page.getByTestId("ppid-figures").innerText()).toContain("Permohonan diterima");
    });
    await suite.asUser("ppid@sanggau.demo", async (page) => {
      await page.goto("/app/ppid/reports");
      await page.getByRole("heading", { name: /^Penilaian mandiri/ }).waitFor();
      await page.getByText("Formulir permohonan informasi tersedia daring").first().waitFor();
      await page.getByText("Daftar informasi yang dikecualikan, dengan uji konsekuensi (Pasal 17)").first().waitFor();
      await page.getByLabel("Kebijakan pelayanan informasi publik").fill("Layanan informasi setiap hari kerja.");
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByText("Laporan tersimpan.").waitFor();
    });
    const year = new Date().getFullYear();
    const stored = await suite.siar.services.prisma.ppidAnnualReport.findUniqueOrThrow({
      where: { scopeKey: `body:${year}` },
    });
    expect(stored.sections).toMatchObject({ policy: "Layanan informasi setiap hari kerja." });
  });
});
