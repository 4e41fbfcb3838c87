import { html, type SafeMarkup } from "@server/text/markup.js";

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi;
// Sentence punctuation right after a URL belongs to the sentence, not the address.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** The text on one line, shortened at a word boundary to about `maxLength` characters. */
export function excerpt(text: string, maxLength = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}

/** Plain text as HTML: blank lines separate paragraphs, single newlines break lines, URLs become links. */
export function paragraphs(text: string): SafeMarkup {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  return html`${blocks.map((block) => html`<p>${block.split("\n").map((line, i) => html`${i > 0 && html`<br>`}${linkified(line)}`)}</p>`)}`;
}

function linkified(line: string): SafeMarkup {
  const parts: SafeMarkup[] = [];
  let from = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    parts.push(html`${line.slice(from, match.index)}<a href="${url}" rel="nofollow noopener">${url}</a>`);
    from = match.index + url.length;
  }
  return html`${parts}${line.slice(from)}`;
}

/** "5 Maret 2025 pukul 14.30 WIB" ("5 March 2025 at 14:30 WIB" in English), in the unit's own time zone. */
export function formatDate(date: Date, timeZone: string, lang: "id" | "en" = "id"): string {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(date);
}
