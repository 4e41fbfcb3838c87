import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { commentArrives, publishPagePost } from "../helpers/inbox.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

// Emergencies first, as staff see them, on a demo that starts with its month of made-up data.
const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "1", SIAR_DEMO_MONTH: "true" });

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
    title: "Info siaga",
    body: "Informasi kesiapsiagaan bencana.",
  });
});

describe("an emergency in the browser", () => {
  it("raises a banner on any page of the kecamatan informed, is pinned first in its inbox, and says why", async () => {
    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "petugas.kapuas@sanggau.demo");
      await page.goto("/app/inbox/my-units");
      // The demo's own month is there for the kecamatan on first start.
      await page.getByTestId("inbox-row").first().waitFor();

      const id = await commentArrives(
        suite.siar,
        pagePostId,
        "Kebakaran di Desa Sungai Mawang dekat pasar, api membesar ke rumah warga!",
      );
      const banner = page.getByTestId("emergency-banner");
      await banner.getByRole("link", { name: /Kebakaran di Desa Sungai Mawang/ }).waitFor();

      await page.goto("/app/inbox/my-units");
      const first = page.getByTestId("inbox-row").first();
      await first.getByText("Disematkan").waitFor();
      expect(await first.innerText()).toContain("Kebakaran di Desa Sungai Mawang");
      expect(await first.innerText()).toContain("Kecamatan Kapuas diberi tahu");

      await page.goto(`/app/inbox/${id}`);
      await page.getByText("Tanda darurat — kebakaran: “kebakaran”").waitFor();
    } finally {
      await closePage(page);
    }
  });
});

describe("the demo's month", () => {
  it("is removed by an admin from Admin → Data demo", async () => {
    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "admin@sanggau.demo");
      await page.goto("/app/admin/demo-data");
      await page.getByTestId("demo-data-counts").waitFor();
      expect(await page.getByTestId("demo-data-counts").innerText()).toMatch(/\d{3} pesan warga dan \d+ pengumuman/);
      await page.getByRole("button", { name: "Hapus data demo" }).click();
      await page.getByRole("button", { name: "Ya, hapus semua data demo" }).click();
      await page
        .getByRole("status")
        .getByText(/Dihapus: \d{3} pesan warga/)
        .waitFor();
      expect(await suite.siar.services.prisma.inboxItem.count({ where: { demo: true } })).toBe(0);
    } finally {
      await closePage(page);
    }
  });
});
