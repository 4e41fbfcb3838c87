import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { EngagementRefresher } from "@server/engagement/refresh.js";
import { signedIn } from "../helpers/client.js";
import { commentArrives, publishPagePost } from "../helpers/inbox.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { browserSuite } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "1" });

// The dashboard as leaders read it: headline figures with their trend, the numbers behind a
// chart, a CSV of the same view, another period and its PDF report, and a camat's view limited
// to his kecamatan.

beforeAll(async () => {
  const humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
  const facebook = await suite.siar.services.prisma.channel.findFirstOrThrow({
    where: { kind: "facebook" },
    select: { id: true, unitId: true },
  });
  const pagePostId = await publishPagePost(suite.siar, humas, {
    unitId: facebook.unitId,
    channelId: facebook.id,
    title: "Info layanan",
    body: "Layanan publik Kabupaten Sanggau.",
  });
  const answered = await commentArrives(
    suite.siar,
    pagePostId,
    "Pelayanan KTP di kantor camat Kapuas buka hari Sabtu?",
  );
  await commentArrives(suite.siar, pagePostId, "Jalan di Kecamatan Tayan Hulu rusak parah, mohon segera diperbaiki");
  expect(
    (
      await humas.post(`/api/inbox/${answered}/reply`, {
        text: "Halo, pelayanan KTP buka Sabtu pukul 08.00–12.00 WIB.",
      })
    ).status,
  ).toBe(200);
  // People react to the post on Facebook; the periodic refresh reads it.
  suite.siar.services.sandbox!.control.setEngagement(pagePostId, { likes: 12, shares: 3, views: 250 });
  await new EngagementRefresher(suite.siar.services, 30).refreshAll();
});

const asUser = suite.asUser;

const cardValue = (page: Page, card: string) =>
  page.getByTestId(`card-${card}`).locator(".dashboard-cards__value").innerText();

describe("dashboard in the browser", () => {
  it("shows a leader the headline figures, the numbers behind a chart, a CSV of the same view, another period and its PDF report", async () => {
    await asUser("pimpinan@sanggau.demo", async (page) => {
      await page.goto("/app/dashboard");
      await page.getByRole("heading", { name: "Angka utama" }).waitFor();
      await page.getByTestId("card-volume").waitFor();
      expect(await cardValue(page, "volume")).toBe("2");
      // One item answered within minutes: a duration, not "no data".
      expect(await cardValue(page, "fr-median")).toMatch(/\d+ m/);
      expect(await page.getByTestId("card-volume").locator(".trend").innerText()).toContain("sebelumnya 0");

      const volume = page.getByRole("region", { name: "Jumlah laporan dari waktu ke waktu" });
      await volume.getByText(/2 laporan dalam periode/).waitFor();
      await volume.getByRole("button", { name: "Lihat angka" }).click();
      const table = volume.getByRole("table");
      await table.waitFor();
      expect(await table.getByRole("columnheader").first().innerText()).toBe("Tanggal");
      expect(await table.getByRole("row").count()).toBeGreaterThan(1);

      const href = await volume.getByRole("link", { name: /Unduh CSV/ }).getAttribute("href");
      expect(href).toContain("format=csv");
      const csv = await page.request.get(href!);
      expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
      // In the UI's words, the sources named as the inbox names them.
      const volumeCsv = (await csv.text()).split("\r\n");
      expect(volumeCsv[0]).toBe("Mulai periode,Sumber,Jumlah");
      expect(volumeCsv.slice(1).join("\n")).not.toMatch(/facebook_comment|web_report|x_mention/);

      // The two citizens' comments count beside the reactions, shares and views set on Facebook.
      const publishing = page.getByRole("region", { name: "Publikasi per kanal" });
      await publishing
        .getByText("Keterlibatan: 12 reaksi, 2 komentar, 3 bagikan, 250 tayangan.", { exact: false })
        .waitFor();

      await page.getByLabel("Periode", { exact: true }).selectOption("7d");
      await page.getByRole("button", { name: "Terapkan" }).click();
      await page.waitForURL(/period=7d/);
      await page.getByText(/dibandingkan dengan periode sebelumnya/).waitFor();
      expect(await cardValue(page, "volume")).toBe("2");

      // The whole dashboard as a PDF report, for the period and filters now applied.
      const pdfHref = await page.getByRole("link", { name: /Unduh laporan PDF/ }).getAttribute("href");
      expect(pdfHref).toMatch(/^\/api\/reports\/dashboard\.pdf\?from=\d{4}-\d{2}-\d{2}&to=/);
      const pdf = await page.request.get(pdfHref!);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect(extractPdfText(await pdf.body())).toContain("Laporan diterima\n2\n");
    });
  });

  it("offers the camat of Kapuas only Kapuas (and its villages) in the unit filter", async () => {
    await asUser("camat.kapuas@sanggau.demo", async (page) => {
      await page.goto("/app/dashboard");
      const unitFilter = page.getByLabel("Unit", { exact: true });
      await unitFilter.locator("option", { hasText: "Kecamatan Kapuas" }).waitFor({ state: "attached" });
      const options = (await unitFilter.locator("option").allInnerTexts()).map((text) => text.trim());
      expect(options).toContain("Kecamatan Kapuas");
      expect(options.filter((text) => text.startsWith("Kecamatan"))).toEqual(["Kecamatan Kapuas"]);
      expect(options.some((text) => text.includes("Kabupaten"))).toBe(false);
    });
  });

  it("shows the kecamatan league of unit websites and the stalest sites, narrowed by the unit filter", async () => {
    await asUser("pimpinan@sanggau.demo", async (page) => {
      const kapuas = await suite.siar.services.prisma.unit.findFirstOrThrow({ where: { code: "kec-kapuas" } });
      await page.goto("/app/dashboard");
      const sites = page.getByRole("region", { name: "Kemutakhiran situs unit" });
      await sites.getByText(/\d+ dari \d+ situs diperbarui dalam 30 hari terakhir/).waitFor();
      const league = sites.getByRole("table", { name: "Klasemen kecamatan" });
      expect(await league.getByRole("row").count()).toBe(16); // the header and Sanggau's 15 kecamatan
      expect(
        await sites.getByRole("table", { name: "Situs yang paling lama tidak diperbarui" }).getByRole("row").count(),
      ).toBe(11);

      await page.goto(`/app/dashboard?unitId=${kapuas.id}`);
      await sites.getByText(/\d+ dari \d+ situs/).waitFor();
      expect(await league.getByRole("row").allInnerTexts()).toEqual([
        expect.stringContaining("Kecamatan"),
        expect.stringContaining("Kecamatan Kapuas"),
      ]);
      const csv = await page.request.get((await sites.getByRole("link", { name: /CSV/ }).getAttribute("href"))!);
      const lines = (await csv.text()).trim().split("\r\n");
      expect(lines[0]).toBe(
        "Unit,Jenis unit,Kecamatan,Alamat situs,Terakhir diperbarui,Hari sejak diperbarui,Perlu diperbarui",
      );
      expect(
        lines.slice(1).every((line) => line.includes("Kecamatan Kapuas") || line.startsWith("Kecamatan Kapuas")),
      ).toBe(true);
    });
  });
});
