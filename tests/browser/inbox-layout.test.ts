import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { submitWebReport } from "@server/inbox/webReports.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { commentArrives, publishPagePost } from "../helpers/inbox.js";
import { browserSuite, logIn, logInToApp } from "./browser.js";

// The inbox at the sizes staff use it: a 1280 px desktop (every essential of an item in view,
// nothing off to the side) and a 390 px phone (cards, the message readable, reply and status at
// the thumb); filters and sort kept in the URL; a leader's drill-down from the dashboard.

const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "1" });
let humas: ApiClient;
let longComplaint: string;
let trackingNumber: string;
const LONG_TEXT = `Pelayanan di kantor camat Kapuas lambat sekali, ${"antrean panjang dan petugasnya tidak ada di tempat, ".repeat(12)}mohon ditindaklanjuti`;

beforeAll(async () => {
  humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
  const facebook = await suite.siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
  const pagePostId = await publishPagePost(suite.siar, humas, {
    unitId: facebook.unitId,
    channelId: facebook.id,
    title: "Info layanan",
    body: "Layanan publik Kabupaten Sanggau.",
  });
  longComplaint = await commentArrives(suite.siar, pagePostId, LONG_TEXT);
  await commentArrives(suite.siar, pagePostId, "Jam buka kantor kecamatan Kapuas hari Sabtu kapan ya?");
  const kapuas = await suite.siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } });
  ({ trackingNumber } = await submitWebReport(suite.siar.services, {
    name: "Warga Kapuas",
    contact: { phone: "081255550000" },
    placeUnitId: kapuas.id,
    citizenCategory: null,
    text: "Lampu jalan di depan pasar mati",
    location: null,
  }));
});

/** Fails when the page, or the inbox list within it, is wider than the window. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => {
    const list = document.querySelector("[data-testid=inbox-list]") as HTMLElement;
    return {
      page: document.documentElement.scrollWidth,
      window: document.documentElement.clientWidth,
      list: list.scrollWidth,
      listBox: list.clientWidth,
      rightmost: Math.max(
        ...[...list.querySelectorAll("tbody th, tbody td")].map((cell) => cell.getBoundingClientRect().right),
      ),
    };
  });
  expect(widths.page).toBeLessThanOrEqual(widths.window);
  expect(widths.list).toBeLessThanOrEqual(widths.listBox);
  expect(widths.rightmost).toBeLessThanOrEqual(widths.window);
}

/** Fails unless the element is drawn inside the window, with some width. */
async function expectInWindow(page: Page, selector: ReturnType<Page["locator"]>) {
  const box = await selector.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, "not drawn").not.toBeNull();
  expect(box!.width).toBeGreaterThan(40);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

const rowOf = (page: Page, id: string) => page.locator(`#inbox-row-${id}`);

describe("the inbox's layout", () => {
  it("shows every essential of an item in view at 1280 px, with collapsing filters, deadline sort and select-all in the URL", async () => {
    await suite.withPage(
      async (page) => {
        await logInToApp(page, "humas@sanggau.demo");
        await page.goto("/app/inbox");
        const row = rowOf(page, longComplaint);
        await row.waitFor();
        await expectNoSidewaysScroll(page);
        // The message, its unit, officer, exact due time and status, all in the window.
        await expectInWindow(page, row.getByTestId("inbox-message"));
        expect(await row.getByTestId("inbox-message").innerText()).toContain("Pelayanan di kantor camat Kapuas");
        await expectInWindow(page, row.locator(".inbox-list__unit"));
        expect(await row.locator(".inbox-list__unit").innerText()).toContain("Kecamatan Kapuas");
        await expectInWindow(page, row.getByTestId("inbox-deadline"));
        // An exact time ("7 Des 14.00"), not only "dalam 4 jam".
        expect(await row.getByTestId("inbox-deadline").locator("time").innerText()).toMatch(
          /\d{1,2} \w+.* \d{2}[.:]\d{2}/,
        );
        await expectInWindow(page, row.locator(".inbox-list__status"));
        // Compact: two lines, not a 100 px block.
        expect((await row.boundingBox())!.height).toBeLessThan(80);

        // The filters beyond search are collapsed until asked for.
        expect(await page.getByLabel("Sumber", { exact: true }).isVisible()).toBe(false);
        await page.getByTestId("inbox-more-filters").click();
        expect(await page.getByLabel("Sumber", { exact: true }).isVisible()).toBe(true);

        // Sorting by deadline lands in the URL and survives a reload.
        await page.getByTestId("inbox-sort").selectOption("deadline");
        await page.waitForURL(/sort=deadline/);
        await page.reload();
        await rowOf(page, longComplaint).waitFor();
        expect(await page.getByTestId("inbox-sort").inputValue()).toBe("deadline");

        // Select-all selects every listed item.
        const rows = await page.getByTestId("inbox-row").count();
        await page.getByTestId("inbox-select-all").check();
        await page.getByText(`${rows} pesan dipilih`).waitFor();

        // A search by tracking number, kept in the URL: a shared link opens the same list.
        await page.getByRole("searchbox", { name: "Cari" }).fill(trackingNumber);
        await page.getByRole("button", { name: "Terapkan" }).click();
        await page.waitForURL(new RegExp(`q=${trackingNumber}`));
        await page.reload();
        await page.getByText("Lampu jalan di depan pasar mati").waitFor();
        expect(await page.getByTestId("inbox-row").count()).toBe(1);
        expect(await page.getByRole("searchbox", { name: "Cari" }).inputValue()).toBe(trackingNumber);
      },
      { width: 1280, height: 800 },
    );
  });

  it("shows cards with the message on a 390 px phone, and keeps reply and status at the thumb on the item", async () => {
    await suite.withPage(
      async (page) => {
        await logIn(page, "petugas.kapuas@sanggau.demo");
        // On a phone the navigation folds behind the menu button: the header's user shows the sign-in.
        await page.getByTestId("current-user").waitFor();
        await page.goto("/app/inbox");
        const row = rowOf(page, longComplaint);
        await row.waitFor();
        await expectNoSidewaysScroll(page);
        await expectInWindow(page, row.getByTestId("inbox-message"));
        expect((await row.getByTestId("inbox-message").boundingBox())!.width).toBeGreaterThan(200);
        await expectInWindow(page, row.getByTestId("inbox-deadline"));

        await row.getByTestId("inbox-message").click();
        const bar = page.getByTestId("thumb-bar");
        await bar.waitFor();
        const box = (await bar.boundingBox())!;
        // Along the bottom of the screen, where the thumb is.
        expect(box.y + box.height).toBeGreaterThan(844 - 4);
        expect(box.y).toBeGreaterThan(844 * 0.75);
        await bar.getByRole("button", { name: "Mulai tangani" }).click();
        await page.locator(".inbox-item__badges").getByText("Sedang ditangani").waitFor();
        await bar.getByRole("button", { name: "Balas" }).click();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      },
      { width: 390, height: 844 },
    );
  });
});

describe("a leader's drill-down", () => {
  it("opens a unit of the league table as its read-only list of items, with the dashboard's period", async () => {
    await suite.asUser("pimpinan@sanggau.demo", async (page) => {
      await page.goto("/app/dashboard");
      const table = page.getByRole("region", { name: "Peringkat unit" });
      await table.getByRole("link", { name: "Kecamatan Kapuas", exact: true }).click();
      await page.waitForURL(/\/app\/inbox\?.*underUnitId=/);
      expect(new URL(page.url()).searchParams.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await page.getByTestId("inbox-drill-down").getByText("Kecamatan Kapuas beserta unit di bawahnya").waitFor();
      await rowOf(page, longComplaint).waitFor();
      // Read-only: no checkboxes, no bulk actions; the page says who handles items.
      expect(await page.getByRole("checkbox").count()).toBe(0);
      await page.getByText("Anda dapat membaca pesan unit Anda").waitFor();
      await expectNoSidewaysScroll(page);
    });
  });
});
