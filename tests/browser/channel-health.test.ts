import { describe, expect, it } from "vitest";
import { MENTIONS_ENDPOINT } from "@server/channels/x.js";
import { InboxPoller } from "@server/inbox/polling.js";
import { signedIn } from "../helpers/client.js";
import { browserSuite } from "./browser.js";

// What an admin sees on the channels page when a real account is not fully usable: a Page token
// missing permissions (and so no webhook subscription), and what X has cost this month in money.

const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
const FAR_FUTURE = new Date("2999-01-01T00:00:00Z");

describe("the channels page", () => {
  it("lists the permissions a Page token lacks, in plain words, and that its webhook failed", async () => {
    const { services } = suite.siar;
    const admin = await signedIn(suite.siar.url, "admin@sanggau.demo");
    const unit = await services.prisma.unit.findFirstOrThrow({ where: { code: "kec-mukok" } });
    const { graph } = services.sandbox!.credentials;
    const connected = await admin.post("/api/channels", {
      unitId: unit.id,
      kind: "facebook",
      name: "Halaman Kecamatan Mukok",
      externalId: graph.pageId,
      credentials: {
        pageAccessToken: services.sandbox!.control.metaApp.issuePageToken([
          "pages_show_list",
          "business_management",
          "pages_read_engagement",
          "pages_manage_posts",
          "pages_read_user_content",
          "pages_manage_engagement",
          "pages_messaging",
        ]),
      },
      settings: { baseUrl: graph.baseUrl },
      // The sandbox has one Page, which the kabupaten already has.
      shareAccount: true,
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);

    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin/channels");
      const row = page.getByRole("row").filter({ hasText: "Halaman Kecamatan Mukok" });
      const missing = row.getByTestId("channel-missing-permissions");
      await missing.waitFor();
      expect(await missing.getByRole("listitem").allInnerTexts()).toEqual([
        "mendaftarkan Halaman agar komentar dan pesan dikirim ke Siar (webhook) (pages_manage_metadata)",
        "membaca jumlah tayangan pos (read_insights)",
      ]);
      expect(await row.getByTestId("channel-webhooks").innerText()).toContain("Halaman belum terdaftar untuk webhook");
    });
  });

  it("shows the month's X spend in money per billed item, and warns once the budget is nearly spent", async () => {
    const { services } = suite.siar;
    const x = await services.prisma.channel.findFirstOrThrow({ where: { kind: "x" } });
    services.sandbox!.control.setXRateLimit(MENTIONS_ENDPOINT, { perUser: 1000 });
    services.sandbox!.control.injectMentions({
      texts: ["@diskominfo_sgu jalan rusak di Kapuas", "@diskominfo_sgu lampu mati"],
    });
    await new InboxPoller(services).pollDue({ dueBy: FAR_FUTURE });

    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin/channels");
      await page.getByRole("button", { name: `Pemakaian ${x.name}` }).click();
      const panel = page.getByRole("region", { name: "Perkiraan biaya X bulan ini" });
      const summary = panel.getByTestId("spend-summary");
      await summary.waitFor();
      expect(await summary.innerText()).toMatch(/^US\$\s?0,\d{2,}; tanpa batas bulanan\.$/);
      const ownedReads = panel
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: "Sebutan dan pos sendiri dibaca (Owned Reads)" }) });
      expect((await ownedReads.getByRole("cell").allInnerTexts())[0]).toBe("2");

      await panel.getByLabel("Anggaran biaya X per bulan (USD)").fill("0.01");
      await panel.getByRole("button", { name: "Simpan anggaran biaya" }).click();
      await panel.getByTestId("spend-warning").waitFor();
      expect(await panel.getByTestId("spend-summary").innerText()).toMatch(/dari anggaran US\$\s?0,01$/);
    });
  });
});
