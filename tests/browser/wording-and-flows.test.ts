import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { webhooksFiled } from "../helpers/inbox.js";
import { browserSuite, closePage } from "./browser.js";

// Issue #16's small flows: the composer says what submitting does, a second connection of an
// account asks first, the audit log speaks in words, signed-out visits log no 401, English
// browsers get English, and admins drive the simulated platforms from a Demo screen.

const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });

let humas: ApiClient;
beforeAll(async () => {
  humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
});

async function openComposer(page: Page, title: string) {
  await page.goto("/app/compose");
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Isi").fill(`${title}: informasi lengkap menyusul.`);
  await page
    .getByRole("checkbox", { name: /^Website/ })
    .first()
    .check();
}

/** A post humas publishes at once through the website channel, published by one worker round. */
async function publishedPost(title: string): Promise<string> {
  const channels: { id: string; kind: string }[] = (await humas.get("/api/channels")).body.data;
  const channelIds = ["website", "facebook"].map((kind) => channels.find((channel) => channel.kind === kind)!.id);
  const unitId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
  const created = await humas.post("/api/posts", { unitId, title, body: `${title}.`, channelIds });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await humas.post(`/api/posts/${created.body.id}/submit`)).body.status).toBe("scheduled");
  await suite.siar.worker.tick();
  expect((await humas.get(`/api/posts/${created.body.id}`)).body.status).toBe("published");
  return created.body.id;
}

describe("the composer's words", () => {
  it("offers humas to publish or schedule, never to submit for approval", async () => {
    await suite.asUser("humas@sanggau.demo", async (page) => {
      await openComposer(page, "Pasar murah Sanggau");
      const form = page.locator("form.composer");
      expect(await form.getByLabel("Terbitkan segera", { exact: true }).isChecked()).toBe(true);
      expect(await form.getByRole("button", { name: "Terbitkan sekarang" }).count()).toBe(1);
      await form.getByLabel("Pada tanggal dan jam tertentu").check();
      expect(await form.getByRole("button", { name: "Jadwalkan" }).count()).toBe(1);
      const text = await form.innerText();
      expect(text).not.toContain("Ajukan");
      expect(text).not.toContain("setelah disetujui");
    });
  });

  it("tells an officer the post goes to a leader", async () => {
    await suite.asUser("petugas.kapuas@sanggau.demo", async (page) => {
      await openComposer(page, "Kerja bakti Kapuas");
      const form = page.locator("form.composer");
      expect(await form.getByLabel("Terbitkan segera setelah disetujui").isChecked()).toBe(true);
      expect(await form.getByRole("button", { name: "Ajukan untuk disetujui" }).count()).toBe(1);
      expect(await form.innerText()).toContain("menunggu persetujuan pimpinan");
    });
  });

  it("a published post says when it was published, not 'as soon as approved'", async () => {
    const postId = await publishedPost("Festival Sanggau");
    await suite.asUser("humas@sanggau.demo", async (page) => {
      await page.goto(`/app/posts/${postId}`);
      const facts = page.locator(".facts");
      await facts.waitFor();
      expect(await facts.innerText()).toContain("Terbit ");
      expect(await page.locator("main").innerText()).not.toContain("Segera setelah disetujui");
    });
  });
});

describe("connecting an account another unit already has", () => {
  it("names the unit that has it before asking the platform, and offers to connect it anyway", async () => {
    const { graph } = suite.siar.services.sandbox!.credentials;
    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin/channels");
      await page.getByRole("button", { name: "Hubungkan kanal" }).click();
      const form = page.getByRole("form", { name: "Hubungkan kanal" });
      const unit = form.getByLabel("Unit", { exact: true });
      const kapuas = await unit.locator("option", { hasText: "Kecamatan Kapuas" }).first().getAttribute("value");
      await unit.selectOption(kapuas!);
      await form.getByLabel("Platform").selectOption("facebook");
      await form.getByLabel("ID Halaman Facebook (Page ID)").fill(graph.pageId);
      await form.getByLabel("Page access token").fill("EAA-pasted-token");
      await form.getByRole("button", { name: "Simpan" }).click();

      const warning = form.getByRole("alert");
      await warning.waitFor();
      expect(await warning.innerText()).toContain("sudah terhubung sebagai kanal Pemerintah Kabupaten Sanggau");
      expect(await suite.siar.services.prisma.channel.count({ where: { unitId: kapuas!, kind: "facebook" } })).toBe(0);
      // The decision is the admin's: the form now offers to connect it anyway.
      await form.getByLabel("Tetap hubungkan: unit ini memang memakai akun yang sama").waitFor();
    });
  });

  it("the composer lists an account two units have once", async () => {
    const admin = await signedIn(suite.siar.url, "admin@sanggau.demo");
    const { x } = suite.siar.services.sandbox!.credentials;
    const kapuas = (await admin.get("/api/units?limit=1000")).body.data.find(
      (unit: { code: string }) => unit.code === "kec-kapuas",
    ).id;
    const shared = await admin.post("/api/channels", {
      unitId: kapuas,
      kind: "x",
      credentials: {
        appKey: x.appKey,
        appSecret: x.appSecret,
        accessToken: x.accessToken,
        accessSecret: x.accessSecret,
      },
      settings: { baseUrl: x.baseUrl },
      shareAccount: true,
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    await suite.asUser("petugas.kapuas@sanggau.demo", async (page) => {
      await page.goto("/app/compose");
      await page.getByRole("group", { name: "X" }).waitFor();
      expect(await page.getByRole("group", { name: "X" }).getByRole("checkbox").count()).toBe(1);
    });
  });
});

describe("the audit log", () => {
  it("says what happened in words and links to the post", async () => {
    const postId = await publishedPost("Lomba perahu bidar");
    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin/audit");
      const link = page.getByRole("link", { name: "unggahan “Lomba perahu bidar”" }).first();
      await link.waitFor();
      const what = page.getByTestId("audit-what").filter({ hasText: "Lomba perahu bidar" });
      expect(await what.allInnerTexts()).toEqual(
        expect.arrayContaining(["mengajukan unggahan “Lomba perahu bidar”", "membuat unggahan “Lomba perahu bidar”"]),
      );
      expect(await page.locator("table").innerText()).not.toContain(postId);
      await link.click();
      await page.getByRole("heading", { level: 1, name: "Lomba perahu bidar" }).waitFor();
    });
  });
});

describe("signed out, and in an English browser", () => {
  it("loads the staff app signed out without a 401 in the console", async () => {
    await suite.withPage(async (page) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      page.on("response", (response) => {
        if (response.status() === 401) problems.push(`401 ${response.url()}`);
      });
      await page.goto("/app/");
      await page.getByRole("button", { name: "Masuk" }).waitFor();
      await page.goto("/");
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(problems).toEqual([]);
    });
  });

  it("shows the public site and the login page in English, unless the visitor chose Bahasa Indonesia", async () => {
    const context = await suite.browser.newContext({ baseURL: suite.siar.url, locale: "en-US" });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    try {
      await page.goto("/");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Latest announcements");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/favicon.svg");
      await page.getByRole("link", { name: "Bahasa Indonesia" }).click();
      await page.getByRole("heading", { level: 1, name: "Pengumuman terbaru" }).waitFor();

      await page.goto("/app/login");
      await page.getByRole("heading", { name: "Sign in to Siar" }).waitFor();
      await page.getByRole("button", { name: "Sign in" }).waitFor();
    } finally {
      await closePage(page);
    }
  });
});

describe("the Demo screen", () => {
  it("sends a citizen's Facebook comment that then appears in the inbox", async () => {
    await publishedPost("Jadwal posyandu balita");
    const text = `Lampu jalan di Jalan Kartini mati sejak kemarin ${Date.now()}`;
    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.getByTestId("nav-admin").click();
      await page.getByTestId("admin-sandbox").click();
      const inject = page.getByRole("form", { name: "Kirim aktivitas warga" });
      await inject.getByLabel("Jenis").selectOption("facebook/comments");
      await inject.getByLabel("Teks").fill(text);
      await inject.getByRole("button", { name: "Kirim" }).click();
      await inject.getByRole("status").waitFor();
      expect(await inject.getByRole("status").innerText()).toContain("1 aktivitas terkirim");
      expect(await page.getByTestId("held-facebook").innerText()).toContain("Jadwal posyandu balita");

      await webhooksFiled(suite.siar);
      await page.goto("/app/inbox");
      await page.getByText(text).first().waitFor();
    });
  });

  it("is not offered to humas", async () => {
    await suite.asUser("humas@sanggau.demo", async (page) => {
      await page.goto("/app/admin/demo");
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.getByRole("form", { name: "Kirim aktivitas warga" }).count()).toBe(0);
    });
  });
});
