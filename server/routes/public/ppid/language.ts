import type { Locale } from "@server/i18n/locale.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { localized } from "./text.js";

// The applicant's pages choose their language as every PPID page does: by the address (?lang=en),
// kept on each link, form and redirect between them, so that a page can be cached and shared.

/** The link to this page in the other language, named in that language. */
export function otherLanguageLink(
  lang: Locale,
  path: string,
  label: string,
  query: Record<string, string | number | undefined> = {},
): SafeMarkup {
  const other: Locale = lang === "id" ? "en" : "id";
  return html`<p><a href="${localized(path, other, query)}" lang="${other}" hreflang="${other}">${label}</a></p>`;
}

/** Keeps the language on a GET form, whose action's query the browser drops. */
export const languageInput = (lang: Locale): SafeMarkup =>
  lang === "en" ? html`<input type="hidden" name="lang" value="en">` : html``;
