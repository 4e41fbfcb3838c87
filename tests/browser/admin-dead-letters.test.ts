import { describe, expect, it } from "vitest";
import { browserSuite } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true" });

describe("unfiled inbox messages administration", () => {
  it("shows an admin a message the inbox could not file, with its reason and the citizen's text as text, and files it on retry", async () => {
    const { prisma } = suite.siar.services;
    const facebook = await prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
    const text = `<img src=x onerror="window.hacked=1"> Jalan ambles di depan SD`;
    const message = {
      source: "facebook_comment",
      platformId: "c-browser-dead",
      parentPlatformId: null,
      postRemoteId: null,
      threadKey: "t-browser-dead",
      author: { platformId: "7100000000055555", name: "Bapak Anton", handle: null },
      text,
      sentAt: new Date().toISOString(),
      attachments: [],
    };
    await prisma.inboxDeadLetter.create({
      data: {
        origin: "poll",
        payloadKind: "message",
        payload: JSON.stringify(message),
        key: `message:${facebook.id}:facebook_comment:c-browser-dead`,
        channelId: facebook.id,
        stream: "comments",
        source: "facebook_comment",
        platformId: "c-browser-dead",
        reason: "database error 23514 (check violation)",
      },
    });

    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin");
      await page
        .getByRole("navigation", { name: "Menu admin" })
        .getByRole("link", { name: "Pesan gagal disimpan" })
        .click();
      const row = page.getByTestId("dead-letter").filter({ hasText: "Bapak Anton" });
      await row.waitFor();
      const shown = await row.innerText();
      expect(shown).toContain(text);
      expect(shown).toContain("database error 23514 (check violation)");
      expect(shown).toContain("Penarikan berkala (comments)");
      expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();

      await row.getByRole("button", { name: "Coba simpan lagi" }).click();
      await row.waitFor({ state: "detached" });
    });
    expect(await prisma.inboxItem.count({ where: { platformId: "c-browser-dead", text } })).toBe(1);
  });
});
