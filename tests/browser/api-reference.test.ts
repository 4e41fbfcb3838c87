import { describe, expect, it } from "vitest";
import { browserSuite } from "./browser.js";

// The API reference page as a developer opens it: Swagger UI from this server, within the app's
// Content-Security-Policy, listing the operations and calling the API from the page.

const suite = browserSuite();

describe("the API reference page", () => {
  it("renders every tag under the CSP and runs a call with a token from 'Authorize'", async () => {
    const humas = await fetch(`${suite.siar.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "humas@sanggau.demo", password: "siar-demo-2026" }),
    });
    const cookie = humas.headers.getSetCookie()[0]!.split(";")[0]!;
    const { csrfToken } = (await humas.json()) as { csrfToken: string };
    const created = await fetch(`${suite.siar.url}/api/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify({ name: "reference page" }),
    });
    const { token } = (await created.json()) as { token: string };

    await suite.withPage(async (page) => {
      const refused: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
      });
      const outside: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(suite.siar.url) && !request.url().startsWith("data:"))
          outside.push(request.url());
      });
      await page.goto("/api/docs");
      await page.getByRole("heading", { name: /Siar API/ }).waitFor({ timeout: 30_000 });
      await page.locator("#operations-tag-working-calendar").waitFor({ timeout: 60_000 });
      await expect(page.locator(".opblock-tag").count()).resolves.toBeGreaterThan(20);

      await page.getByRole("button", { name: "Authorize" }).first().click();
      const bearer = page.locator(".dialog-ux .auth-container").filter({ hasText: "bearerToken" });
      await bearer.locator("input").fill(token);
      await bearer.locator("button.authorize").click();
      await page.locator(".dialog-ux button.btn-done").first().click();

      await page.locator("#operations-tag-inbox").click();
      const operation = page.locator("#operations-inbox-getApiInbox");
      await operation.locator(".opblock-summary").click();
      await operation.getByRole("button", { name: "Try it out" }).click();
      await operation.getByRole("button", { name: "Execute" }).click();
      await operation.locator(".live-responses-table tbody .response-col_status").first().waitFor();
      await expect(
        operation.locator(".live-responses-table tbody .response-col_status").first().textContent(),
      ).resolves.toContain("200");
      expect(refused).toEqual([]);
      expect(outside).toEqual([]);
    });
  }, 180_000);
});
