import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeIncoming } from "@server/inbox/ingest.js";
import { browserSuite } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true" });

let receiver: http.Server;
const received: { body: string; headers: Record<string, string> }[] = [];
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ body, headers: req.headers as Record<string, string> });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise((resolve) => receiver?.close(resolve)));

async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 200; tries++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out");
}

describe("outgoing webhooks administration", () => {
  it("registers a receiver showing its secret once, logs its deliveries, replays one and turns it off", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/siar`;
    const { prisma } = suite.siar.services;
    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin");
      await page.getByRole("navigation", { name: "Menu admin" }).getByRole("link", { name: "Webhook" }).click();
      await page.getByRole("button", { name: "Tambah webhook" }).click();
      await page.getByLabel("Alamat penerima (URL)").fill(url);
      await page.getByLabel("Keterangan").fill("Dasbor BPBD");
      await page.getByLabel("Pesan warga masuk").check();
      await page.getByRole("button", { name: "Simpan" }).click();
      const secret = await page.getByTestId("one-time-secret").innerText();
      expect(secret).toMatch(/^whsec_/);
      const row = page.getByTestId("webhook-endpoint").filter({ hasText: url });
      await row.waitFor();
      expect(await row.innerText()).toContain("Dasbor BPBD");

      const facebook = await prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
      await storeIncoming(suite.siar.services, facebook, {
        source: "facebook_comment",
        platformId: "c-browser-webhook",
        parentPlatformId: null,
        postRemoteId: null,
        threadKey: "t-browser-webhook",
        author: { platformId: "7100000000066666", name: "Ibu Sari", handle: null },
        text: "Jembatan gantung di Desa Sungai Mawang putus.",
        sentAt: new Date(),
        attachments: [],
      });
      const first = await until(() => received[0]);
      expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: "inbox.item.created" });
      expect(first.body).not.toContain("Ibu Sari");

      await row.getByRole("button", { name: "Log pengiriman" }).click();
      const delivery = page.getByTestId("webhook-delivery").filter({ hasText: "inbox.item.created" });
      await delivery.filter({ hasText: "Berhasil" }).waitFor();
      await delivery.getByRole("button", { name: "Kirim ulang" }).click();
      const again = await until(() => received[1]);
      expect(again.headers["webhook-id"]).toBe(first.headers["webhook-id"]);

      await row.getByRole("button", { name: "Matikan" }).click();
      await row.getByRole("button", { name: "Aktifkan" }).waitFor();
      expect(await row.innerText()).toContain("Nonaktif");
    });
    const endpoint = await prisma.webhookEndpoint.findFirstOrThrow({ where: { url } });
    expect(endpoint.enabled).toBe(false);
  });
});
