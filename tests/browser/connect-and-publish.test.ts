import type { Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { browserSuite, selectOptionContaining } from "./browser.js";

// Issue 4's "Done when", end to end in the browser: an admin connects a kecamatan's Facebook
// Page, Instagram account and X account through the sandbox's sign-in pages, its officer
// composes a post with an image for them and the website, its camat approves it, the worker
// publishes it at the scheduled time, and it is on the public website and on the platforms.

const suite = browserSuite({ SIAR_SANDBOX: "true" });

const UNIT = "Kecamatan Kapuas";
const ZONE_NAMES: Record<string, string> = { "Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT" };
const MINUTE_MS = 60_000;
// The time between choosing the schedule and the approval must stay well inside this lead.
const SCHEDULE_LEAD_MS = 75_000;
const PUBLISH_WAIT_MS = 200_000;

const TITLE = "Pasar murah Kecamatan Kapuas";
const BODY = "Pasar murah sembako digelar di halaman kantor Camat Kapuas pada hari Kamis mulai pukul 08.00.";
const LINK = "https://sanggau.go.id/pasar-murah";
const HASHTAG = "SanggauMelayani";
const REVIEW_NOTE = "Sudah sesuai, silakan terbitkan sesuai jadwal.";

/** A square photo, within every platform's size and aspect-ratio limits. */
function squarePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 800, channels: 3, background: { r: 200, g: 120, b: 20 } } })
    .jpeg()
    .toBuffer();
}

/** The first whole minute at least `leadMs` from now, and its date and time on the clocks of `timeZone`. */
function scheduleAhead(timeZone: string, leadMs: number): { at: Date; date: string; time: string } {
  const at = new Date(Math.ceil((Date.now() + leadMs) / MINUTE_MS) * MINUTE_MS);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { at, date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The channels table's rows of one unit, as "kind status" pairs. */
async function channelRowsOf(page: Page, unitName: string): Promise<string[]> {
  const rows = page
    .locator("table tbody tr")
    .filter({ has: page.locator("td", { hasText: new RegExp(`^${unitName}$`) }) });
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll("td")].slice(1, 3).map((td) => td.querySelector(".badge")?.textContent ?? td.textContent),
    ),
  );
  return cells.map((cell) => cell.join(" ")).sort();
}

/** Allows on the sandbox's consent page (a different origin) and waits to be back on Siar's channels page. */
async function allowOnConsentPage(page: Page, platform: string): Promise<void> {
  await page.getByRole("heading", { name: `${platform} (simulasi)` }).waitFor();
  expect(new URL(page.url()).origin).not.toBe(suite.siar.url);
  await page.getByRole("button", { name: "Izinkan / Allow" }).click();
  await page.waitForURL((url) => url.origin === suite.siar.url && url.pathname === "/app/admin/channels");
}

const badge = (page: Page) => page.locator(".page-header .badge");
const mediaError = (page: Page) => page.locator("fieldset.media-picker .field__error");
const channelOf = (page: Page, kind: string, unitName: string) =>
  page.getByRole("checkbox", { name: new RegExp(`^${kind} · .*\\(${unitName}\\)`) });

describe("connecting a kecamatan's channels and publishing to all four", () => {
  it(
    "an admin connects Facebook, Instagram and X by signing in; an officer's post with an image is approved, published on schedule everywhere and shown on the website",
    async () => {
      const { prisma } = suite.siar.services;
      const sandbox = suite.siar.services.sandbox!;
      const unit = await prisma.unit.findFirstOrThrow({ where: { code: "kec-kapuas" } });
      const zone = ZONE_NAMES[unit.timezone]!;
      const { graph, x } = sandbox.credentials;
      // Connecting must be real: the kecamatan starts without channels of its own.
      expect(await prisma.channel.count({ where: { unitId: unit.id } })).toBe(0);

      // 1. The admin signs in on Facebook and on X for the kecamatan.
      await suite.asUser("admin@sanggau.demo", async (page) => {
        await page.goto("/app/admin/channels");
        await page.getByRole("heading", { name: "Hubungkan dengan masuk ke platform" }).waitFor();
        await page.locator("table tbody tr").first().waitFor();
        expect(await channelRowsOf(page, UNIT)).toEqual([]);

        await selectOptionContaining(page, "Unit", UNIT);
        await page.getByRole("link", { name: "Hubungkan dengan Facebook" }).click();
        await allowOnConsentPage(page, "Facebook");
        const selection = page.getByRole("form", { name: "Pilih Halaman Facebook dan akun Instagram" });
        await selection.getByRole("checkbox", { name: `Halaman Facebook ${graph.pageName}` }).check();
        await selection.getByRole("checkbox", { name: `Instagram @${graph.igUsername}` }).check();
        // The kabupaten already has this Page and account: the admin confirms the kecamatan shares them.
        await selection
          .getByRole("checkbox", { name: "Tetap hubungkan: unit ini memang memakai akun yang sama" })
          .check();
        await selection.getByRole("button", { name: "Simpan" }).click();
        await page.getByText("2 kanal terhubung.").waitFor();
        await page
          .locator("table tbody td", { hasText: new RegExp(`^${UNIT}$`) })
          .nth(1)
          .waitFor();

        await selectOptionContaining(page, "Unit", UNIT);
        await page.getByRole("link", { name: "Hubungkan dengan X" }).click();
        await allowOnConsentPage(page, "X");
        // The same for the X account: asked first, connected once the admin confirms.
        await page.getByRole("link", { name: "Tetap hubungkan untuk unit ini" }).click();
        await allowOnConsentPage(page, "X");
        expect(new URL(page.url()).searchParams.get("oauthConnected")).toBe("x");
        await page.getByText("Akun X terhubung.", { exact: false }).waitFor();
        await page
          .locator("table tbody td", { hasText: new RegExp(`^${UNIT}$`) })
          .nth(2)
          .waitFor();
        expect(await channelRowsOf(page, UNIT)).toEqual(["Facebook Terhubung", "Instagram Terhubung", "X Terhubung"]);

        // The Page was subscribed to the app's webhooks, and the login granted every permission needed.
        const facebookRow = page
          .locator("table tbody tr")
          .filter({ has: page.locator("td", { hasText: new RegExp(`^${UNIT}$`) }) })
          .filter({ has: page.locator("td", { hasText: /^Facebook$/ }) });
        await facebookRow.getByTestId("channel-webhooks").filter({ hasText: "Webhook aktif" }).waitFor();
        expect(await facebookRow.getByTestId("channel-missing-permissions").count()).toBe(0);
        // The webhook's way in, tried with a signed test event.
        await page.getByRole("button", { name: "Uji webhook" }).click();
        await page.getByTestId("webhook-test-result").filter({ hasText: "sampai dan tercatat" }).waitFor();
      });
      const connected = await prisma.channel.findMany({ where: { unitId: unit.id }, orderBy: { kind: "asc" } });
      expect(connected.map((channel) => [channel.kind, channel.externalId])).toEqual([
        ["facebook", graph.pageId],
        ["instagram", graph.igUserId],
        ["x", x.userId],
      ]);

      // 2. The kecamatan's officer composes for its channels and the website, with a schedule.
      let postPath = "";
      let scheduledAt = new Date(0);
      await suite.asUser("petugas.kapuas@sanggau.demo", async (page) => {
        await page.goto("/app/compose");
        await page.getByLabel("Judul").fill(TITLE);
        await page.getByLabel("Isi", { exact: true }).fill(BODY);
        await page.getByLabel("Tautan").fill(LINK);
        await page.getByLabel("Tagar").fill(`${HASHTAG} `);
        await page.getByRole("checkbox", { name: /^Website · / }).check();
        for (const kind of ["Facebook", "Instagram", "X"]) await channelOf(page, kind, UNIT).check();

        // Without an image Instagram's rule blocks submitting.
        await mediaError(page).waitFor();
        expect(await mediaError(page).innerText()).toContain("Instagram memerlukan gambar atau video.");
        expect(await page.getByRole("button", { name: "Ajukan" }).isDisabled()).toBe(true);

        await page
          .getByLabel("Tambah gambar atau video")
          .setInputFiles({ name: "pasar-murah.jpg", mimeType: "image/jpeg", buffer: await squarePhoto() });
        await page.locator(".media-list img").waitFor();
        await mediaError(page).waitFor({ state: "detached" });
        expect(await page.getByRole("button", { name: "Ajukan" }).isDisabled()).toBe(false);

        // One preview per channel; X counts the link as 23 characters.
        for (const kind of ["website", "facebook", "instagram", "x"])
          expect(await page.getByTestId(`preview-${kind}`).count(), kind).toBe(1);
        expect(await page.getByTestId("preview-website").locator(".preview__title").innerText()).toBe(TITLE);
        expect(await page.getByTestId("preview-instagram").locator("img").count()).toBe(1);
        expect(await page.getByTestId("preview-x").getByRole("link", { name: LINK }).count()).toBe(1);
        const xLength = BODY.length + 2 + 23 + 2 + `#${HASHTAG}`.length;
        expect(await page.getByTestId("counter-x").innerText()).toContain(`${xLength}/280`);
        // On X the link goes in a reply instead: the post itself stays plain.
        await page.getByRole("radio", { name: "Dalam balasan pada pos itu" }).check();
        expect(await page.getByTestId("preview-x").getByRole("link", { name: LINK }).count()).toBe(0);
        expect(await page.getByTestId("counter-x").innerText()).toContain(
          `${BODY.length + 2 + HASHTAG.length + 1}/280`,
        );

        await page.getByLabel("Pada tanggal dan jam tertentu").check();
        const when = scheduleAhead(unit.timezone, SCHEDULE_LEAD_MS);
        scheduledAt = when.at;
        await page.getByLabel("Tanggal", { exact: true }).fill(when.date);
        await page.getByLabel(`Jam (${zone})`).fill(when.time);
        await page.getByRole("button", { name: "Ajukan" }).click();

        await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
        expect(await badge(page).innerText()).toBe("Menunggu persetujuan");
        expect(await page.locator(".facts").innerText()).toContain(`${when.time.replace(":", ".")} ${zone}`);
        postPath = new URL(page.url()).pathname;
      });
      expect(Date.now()).toBeLessThan(scheduledAt.getTime() - 30_000);

      let links: Record<string, string | null> = {};
      // 3. The camat approves with a note; the author's page follows live and then watches it go out.
      await suite.asUser("petugas.kapuas@sanggau.demo", async (author) => {
        await author.goto(postPath);
        await author.getByRole("heading", { level: 1, name: TITLE }).waitFor();

        await suite.asUser("camat.kapuas@sanggau.demo", async (page) => {
          await page.goto("/app/posts/review");
          await page.getByRole("link", { name: TITLE }).click();
          await page.getByLabel("Catatan untuk penulis").fill(REVIEW_NOTE);
          await page.getByRole("button", { name: "Setujui" }).click();
          await badge(page)
            .filter({ hasText: /^Terjadwal$/ })
            .waitFor();
          expect(new URL(page.url()).pathname).toBe(postPath);
          const facts = await page.locator(".facts").innerText();
          expect(facts).toContain("Camat Kapuas");
          expect(facts).toContain(REVIEW_NOTE);
        });
        await badge(author)
          .filter({ hasText: /^Terjadwal$/ })
          .waitFor();
        expect(Date.now()).toBeLessThan(scheduledAt.getTime());
        for (const kind of ["website", "facebook", "instagram", "x"])
          expect(await author.getByTestId(`delivery-${kind}`).innerText(), kind).toContain("Menunggu");

        // 4. The worker publishes at the scheduled time; the page follows through the socket.
        await badge(author)
          .filter({ hasText: /^Terbit$/ })
          .waitFor({ timeout: PUBLISH_WAIT_MS });
        for (const kind of ["website", "facebook", "instagram", "x"])
          expect(await author.getByTestId(`delivery-${kind}`).innerText(), kind).toContain("Terbit");
        // Instagram answers with the media id only; its link follows once Siar has read it.
        await author.getByTestId("delivery-instagram").getByRole("link", { name: "Buka di Instagram" }).waitFor();
        const remoteLink = (kind: string, platform: string) =>
          author
            .getByTestId(`delivery-${kind}`)
            .getByRole("link", { name: `Buka di ${platform}` })
            .getAttribute("href");
        links = {
          facebook: await remoteLink("facebook", "Facebook"),
          instagram: await remoteLink("instagram", "Instagram"),
          x: await remoteLink("x", "X"),
        };

        // 5. The public website's page of the post, from the link on the post page.
        const websiteLink = author.locator(".facts").getByRole("link", { name: /\/pengumuman\// });
        expect(new URL((await websiteLink.getAttribute("href"))!).origin).toBe(suite.siar.url);
        await websiteLink.click();
        await author.waitForURL(/\/pengumuman\//);
        expect(await author.getByRole("heading", { level: 1 }).innerText()).toBe(TITLE);
        expect(await author.locator("article").innerText()).toContain(BODY);
        const image = author.getByRole("img", { name: `Gambar: ${TITLE}` });
        await image.scrollIntoViewIfNeeded();
        await author.waitForFunction(
          (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
          await image.elementHandle(),
        );
      });

      // 6. On the platforms: exactly one post each, with the text and the photo, behind those links.
      const published = sandbox.control.published();
      const facebook = published.facebook.posts.filter((post) => post.message?.includes(BODY));
      const instagram = published.instagram.media.filter((media) => media.caption?.includes(BODY));
      const tweets = published.x.tweets.filter((tweet) => tweet.text.includes(BODY));
      expect([facebook.length, instagram.length, tweets.length]).toEqual([1, 1, 1]);
      expect(facebook[0]!.photoUrls).toHaveLength(1);
      expect(facebook[0]!.published).toBe(true);
      expect(instagram[0]!.mediaType).toBe("IMAGE");
      expect(tweets[0]!.mediaKeys).toHaveLength(1);
      expect(tweets[0]!.text).not.toContain(LINK);
      expect(published.x.tweets.find((tweet) => tweet.inReplyToTweetId === tweets[0]!.id)?.text).toBe(LINK);
      expect(links).toEqual({
        facebook: `https://www.facebook.com/${facebook[0]!.id}`,
        instagram: instagram[0]!.permalink,
        x: `https://x.com/${x.username}/status/${tweets[0]!.id}`,
      });

      // Not before its time, and not long after it.
      const deliveries = await prisma.delivery.findMany({
        where: { post: { title: TITLE } },
        include: { channel: true },
      });
      expect(deliveries.map((delivery) => delivery.channel.kind).sort()).toEqual([
        "facebook",
        "instagram",
        "website",
        "x",
      ]);
      expect(
        deliveries
          .filter((delivery) => delivery.channel.kind !== "website")
          .every((delivery) => delivery.channel.unitId === unit.id),
      ).toBe(true);
      for (const delivery of deliveries) {
        expect(delivery.publishedAt!.getTime(), delivery.channel.kind).toBeGreaterThanOrEqual(scheduledAt.getTime());
        expect(delivery.publishedAt!.getTime(), delivery.channel.kind).toBeLessThan(scheduledAt.getTime() + 60_000);
      }

      // The approval is in the audit log, by the camat, with the note.
      const post = await prisma.post.findFirstOrThrow({ where: { title: TITLE } });
      const camat = await prisma.user.findUniqueOrThrow({ where: { email: "camat.kapuas@sanggau.demo" } });
      const approvals = await prisma.auditEvent.findMany({ where: { action: "post.approve", targetId: post.id } });
      expect(approvals).toHaveLength(1);
      expect(approvals[0]).toMatchObject({
        actorId: camat.id,
        unitId: unit.id,
        changes: { note: REVIEW_NOTE, status: { from: "in_review", to: "scheduled" } },
      });
      const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@sanggau.demo" } });
      const connects = await prisma.auditEvent.findMany({ where: { action: "channel.connect", unitId: unit.id } });
      expect(connects.map((event) => event.actorId)).toEqual([admin.id, admin.id, admin.id]);
    },
    SCHEDULE_LEAD_MS + MINUTE_MS + PUBLISH_WAIT_MS,
  );
});
