import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { publishNow } from "../helpers/publishing.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

// The notification centre as humas uses it: a post an officer submits raises the count live,
// in the header and the tab title, and the notification opens the post.
const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });

let officer: ApiClient;

beforeAll(async () => {
  officer = await signedIn(suite.siar.url, "petugas.kapuas@sanggau.demo");
});

describe("notifications in the browser", () => {
  it("a post submitted by an officer raises humas's count live; the notification opens the post", async () => {
    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "humas@sanggau.demo");
      const link = page.getByTestId("nav-notifications");
      await link.waitFor();
      expect(await page.getByTestId("notification-count").count()).toBe(0);

      const session = (await officer.get("/api/auth/session")).body;
      const website = (await officer.get("/api/channels")).body.data.find(
        (channel: { kind: string }) => channel.kind === "website",
      );
      const post = await publishNow(officer, {
        unitId: session.user.units[0].id,
        title: "Posyandu keliling Kapuas",
        body: "Posyandu keliling hadir di Kecamatan Kapuas hari Sabtu.",
        hashtags: [],
        channelIds: [website.id],
      });
      expect(post.status).toBe("in_review");

      // No reload: the socket brings the count.
      await page.getByTestId("notification-count").getByText("1").waitFor();
      expect(await page.title()).toMatch(/^\(1\) /);
      expect(await link.getAttribute("aria-label")).toBe("Pemberitahuan, 1 belum dibaca");

      await link.click();
      const entry = page.getByTestId("notification-list").getByRole("listitem").first();
      await entry.getByText("Budi Petugas Kapuas mengajukan unggahan untuk disetujui").waitFor();
      await entry.getByRole("link", { name: "Posyandu keliling Kapuas" }).click();
      await page.waitForURL(`**/app/posts/${post.id}`);
      await page.getByRole("heading", { level: 1, name: "Posyandu keliling Kapuas" }).waitFor();
      // Opened, so read: the count is gone, from the tab title too.
      await page.getByTestId("notification-count").waitFor({ state: "detached" });
      expect(await page.title()).not.toMatch(/^\(/);
    } finally {
      await closePage(page);
    }
  });

  it("switches a kind off on the account page, in the app and by e-mail", async () => {
    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "petugas.kapuas@sanggau.demo");
      await page.goto("/app/account");
      const inApp = page.getByRole("checkbox", { name: "Pesan warga ditugaskan kepada saya: Di aplikasi" });
      const email = page.getByRole("checkbox", { name: "Pesan warga ditugaskan kepada saya: E-mail" });
      await inApp.waitFor();
      expect(await email.isChecked()).toBe(true);
      await email.uncheck();
      await expect.poll(() => email.isChecked()).toBe(false);
      await expect
        .poll(async () => (await officer.get("/api/notifications/settings")).body.kinds)
        .toContainEqual({ kind: "item_assigned", inApp: true, email: false });
      // Kinds that are never e-mailed have no e-mail switch.
      expect(await page.getByRole("checkbox", { name: "Unggahan saya disetujui: E-mail" }).count()).toBe(0);
    } finally {
      await closePage(page);
    }
  });
});
