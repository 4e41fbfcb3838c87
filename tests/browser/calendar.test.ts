import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { browserSuite } from "./browser.js";

// The publishing calendar: scheduled posts on their day in the unit's time, moved to another day
// by dragging (same time of day) once confirmed, with an undo, and cancelled from the entry's menu.

const suite = browserSuite({ SIAR_SANDBOX: "true" });

let humas: ApiClient;
beforeAll(async () => {
  humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
});

/** The 10th and 12th of next month (as the browser's clock reads "next month"), as calendar dates. */
function daysNextMonth(): { from: string; to: string } {
  const now = new Date();
  const month = new Date(Date.UTC(now.getFullYear(), now.getMonth() + 1, 1)).toISOString().slice(0, 7);
  return { from: `${month}-10`, to: `${month}-12` };
}

async function scheduledPost(title: string, date: string): Promise<string> {
  const channels: { id: string; kind: string }[] = (await humas.get("/api/channels")).body.data;
  const channelIds = ["website", "facebook"].map((kind) => channels.find((channel) => channel.kind === kind)!.id);
  const unitId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
  // 10.15 WIB is 03.15 UTC.
  const created = await humas.post("/api/posts", {
    unitId,
    title,
    body: `${title}: informasi lengkap menyusul.`,
    channelIds,
    scheduledAt: `${date}T03:15:00.000Z`,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await humas.post(`/api/posts/${created.body.id}/submit`);
  expect(submitted.body.status).toBe("scheduled");
  return created.body.id;
}

describe("the publishing calendar", () => {
  it("shows a scheduled post on its day, moves it by dragging to another day at the same time once confirmed, undoes that, and cancels it", async () => {
    const { from, to } = daysNextMonth();
    const title = "Lomba desa bersih";
    const postId = await scheduledPost(title, from);

    await suite.asUser("humas@sanggau.demo", async (page) => {
      await page.goto("/app/calendar");
      await page.getByRole("button", { name: "Berikutnya" }).click();
      const entry = page.locator(`li[data-date="${from}"]`).getByTestId("calendar-entry").filter({ hasText: title });
      await entry.waitFor();
      expect(await entry.locator(".calendar-entry__time").innerText()).toBe("10.15 WIB");
      expect(await entry.locator("abbr").allInnerTexts()).toEqual(["Web", "FB"]);

      // A drop asks first; cancelling leaves the post where it was.
      const target = page.locator(`li[data-date="${to}"]`);
      const question = page.getByRole("alertdialog");
      await entry.dragTo(target);
      expect(await question.innerText()).toMatch(new RegExp(`Pindahkan “${title}” ke .*10\\.15 WIB\\?`));
      await question.getByRole("button", { name: "Batal" }).click();
      await question.waitFor({ state: "detached" });
      expect((await humas.get(`/api/posts/${postId}`)).body.scheduledAt).toBe(`${from}T03:15:00.000Z`);

      // Confirmed, it moves; undo puts it back at its previous time.
      await entry.dragTo(target);
      await question.getByRole("button", { name: "Pindahkan" }).click();
      const moved = target.getByTestId("calendar-entry").filter({ hasText: title });
      await moved.waitFor();
      expect((await humas.get(`/api/posts/${postId}`)).body.scheduledAt).toBe(`${to}T03:15:00.000Z`);
      await page.getByRole("button", { name: "Urungkan" }).click();
      await entry.waitFor();
      await moved.waitFor({ state: "detached" });
      expect((await humas.get(`/api/posts/${postId}`)).body.scheduledAt).toBe(`${from}T03:15:00.000Z`);

      await entry.dragTo(target);
      await question.getByRole("button", { name: "Pindahkan" }).click();
      await moved.waitFor();
      expect(
        await page.locator(`li[data-date="${from}"]`).getByTestId("calendar-entry").filter({ hasText: title }).count(),
      ).toBe(0);
      expect((await humas.get(`/api/posts/${postId}`)).body.scheduledAt).toBe(`${to}T03:15:00.000Z`);

      await moved.getByLabel(`Menu untuk ${title}`).click();
      await moved.getByRole("button", { name: "Batalkan unggahan" }).click();
      await moved.getByRole("button", { name: "Ya, batalkan unggahan" }).click();
      await moved.waitFor({ state: "detached" });
      expect((await humas.get(`/api/posts/${postId}`)).body.status).toBe("cancelled");
    });
    const audit = await suite.siar.services.prisma.auditEvent.findMany({
      where: { targetId: postId },
      orderBy: { at: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual(expect.arrayContaining(["post.reschedule", "post.cancel"]));
  });
});
