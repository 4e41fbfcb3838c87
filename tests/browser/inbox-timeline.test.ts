import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { InboxPoller } from "@server/inbox/polling.js";
import { testInbox, webhooksFiled } from "../helpers/inbox.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

// The item's timeline says who assigned it to whom, and a reply to a private message says it is private.
const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });

let humas: ApiClient;

beforeAll(async () => {
  humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
});

describe("an item's timeline", () => {
  it("names the assignee and who assigned, and labels a private message's reply private", async () => {
    const sandbox = suite.siar.services.sandbox!.control;
    sandbox.injectPageMessages({
      texts: ["Selamat siang, kapan jadwal perekaman KTP elektronik di kantor camat Kapuas?"],
    });
    await webhooksFiled(suite.siar);
    // Messages may come by a poll of the conversations rather than a webhook.
    await new InboxPoller(suite.siar.services).pollDue({ dueBy: new Date(Date.now() + 86_400_000) });
    const item = await suite.siar.services.prisma.inboxItem.findFirstOrThrow({
      where: { source: "facebook_message", text: { contains: "perekaman KTP elektronik" } },
    });
    await testInbox(suite.siar).desk.receive(item.id);
    const officerId = (await humas.get("/api/users?limit=200")).body.data.find(
      (user: { email: string }) => user.email === "petugas.kapuas@sanggau.demo",
    ).id;
    const kapuas = (await humas.get("/api/units?limit=1000")).body.data.find(
      (unit: { code: string }) => unit.code === "kec-kapuas",
    ).id;
    const assigned = await humas.post(`/api/inbox/${item.id}/assign`, { unitId: kapuas, assigneeId: officerId });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const replied = await humas.post(`/api/inbox/${item.id}/reply`, { text: "Setiap Senin pukul 08.00 WIB." });
    expect(replied.status, JSON.stringify(replied.body)).toBeLessThan(300);

    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "humas@sanggau.demo");
      await page.goto(`/app/inbox/${item.id}`);
      const assignment = page.getByTestId("timeline-assigned").first();
      await assignment.getByText("Rina Humas menugaskan kepada Budi Petugas Kapuas").waitFor();
      const reply = page.getByTestId("timeline-reply").first();
      await reply.getByText("Setiap Senin pukul 08.00 WIB.").waitFor();
      expect(await reply.innerText()).toContain("Pribadi, hanya untuk pengirim");
      expect(await reply.innerText()).not.toContain("Publik");
    } finally {
      await closePage(page);
    }
  });
});
