import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { DEMO_PASSWORD } from "@server/demo/seed.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

export { DEMO_PASSWORD };

/** One headless Chromium per test file; CI installs it with apt (`chromium`). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A fresh page in its own context (own cookies and localStorage), so tests do not share a session. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: "id-ID" });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/app/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

/** Signs in and waits for the signed-in frame (its main navigation). */
export async function logInToApp(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await logIn(page, email, password);
  await page.getByRole("navigation", { name: "Navigasi utama" }).waitFor();
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** Picks the option whose text contains `text` (unit pickers indent option texts by depth). */
export async function selectOptionContaining(page: Page, selectLabel: string, text: string): Promise<void> {
  const select = page.getByLabel(selectLabel, { exact: true });
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  if (value === null) throw new Error(`no option "${text}" in ${selectLabel}`);
  await select.selectOption(value);
}

export type BrowserSuite = {
  siar: TestSiar;
  browser: Browser;
  /** Runs `test` on a fresh page (its own session) and closes it afterwards. */
  withPage(test: (page: Page) => Promise<void>, viewport?: { width: number; height: number }): Promise<void>;
  /** Like `withPage`, signed in to the app as `email` first. */
  asUser(email: string, test: (page: Page) => Promise<void>): Promise<void>;
};

/** One Siar and one Chromium for a test file, started before its tests and closed after them. */
export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
  const suite = {
    withPage: async (test: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) => {
      const page = await openPage(suite.browser, suite.siar.url, viewport);
      try {
        await test(page);
      } finally {
        await closePage(page);
      }
    },
    asUser: (email: string, test: (page: Page) => Promise<void>) =>
      suite.withPage(async (page) => {
        await logInToApp(page, email);
        await test(page);
      }),
  } as BrowserSuite;
  beforeAll(async () => {
    [suite.siar, suite.browser] = await Promise.all([startTestSiar(env), launchBrowser()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.siar?.close();
  });
  return suite;
}
