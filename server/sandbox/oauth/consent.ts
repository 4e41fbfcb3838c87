/**
 * The consent pages the platforms show before redirecting back: a form that posts the original
 * request's parameters back with the person's decision, so a test (or a person in demo mode)
 * can allow or cancel.
 */
import type { Request, Response } from "express";
import { parseBody } from "@server/sandbox/http";

export type Decision = "allow" | "deny";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface ConsentPage {
  platform: string;
  /** Who is asked to consent, and to what. */
  account: string;
  scopes: string[];
  /** The request's parameters, posted back unchanged with the decision. */
  params: Record<string, string>;
}

export function sendConsentPage(res: Response, page: ConsentPage): void {
  const hidden = Object.entries(page.params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n      ");
  const scopes = page.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join("");
  res.type("html").send(`<!doctype html>
<html lang="id">
  <head><meta charset="utf-8"><title>${escapeHtml(page.platform)} (simulasi)</title></head>
  <body>
    <h1>${escapeHtml(page.platform)} (simulasi)</h1>
    <p>Masuk sebagai <strong>${escapeHtml(page.account)}</strong>. Aplikasi meminta izin:</p>
    <ul>${scopes}</ul>
    <form method="post">
      ${hidden}
      <button type="submit" name="decision" value="allow">Izinkan / Allow</button>
      <button type="submit" name="decision" value="deny">Batal / Cancel</button>
    </form>
  </body>
</html>`);
}

export function sendErrorPage(res: Response, platform: string, message: string): void {
  res
    .status(400)
    .type("html")
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(platform)}</title></head><body><h1>${escapeHtml(platform)}</h1><p>${escapeHtml(message)}</p></body></html>`,
    );
}

/** The posted consent form: the original parameters and the decision. */
export async function consentDecision(req: Request): Promise<{ params: Record<string, string>; decision: Decision }> {
  const { decision, ...rest } = await postedFields(req);
  return { params: rest, decision: decision === "allow" ? "allow" : "deny" };
}

/** A posted form's (or JSON body's) string fields. */
export async function postedFields(req: Request): Promise<Record<string, string>> {
  const { fields } = await parseBody(req);
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === "string")) as Record<
    string,
    string
  >;
}

/** redirect_uri with the answer in its query string, keeping any query it already has. */
export function redirectWith(redirectUri: string, answer: Record<string, string | undefined>, fragment = ""): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(answer)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString() + fragment;
}

/** An absolute http(s) URL, as both platforms require of redirect_uri. */
export function isAbsoluteHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
