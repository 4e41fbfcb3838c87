// The built-in fonts only know WinAnsi (Latin-1 and a few typographic marks): the glossary's
// mathematical signs are spelt out, anything else unknown becomes "?" rather than garbage.
const SPELT_OUT: Record<string, string> = { "≥": ">=", "≤": "<=", "⌈": "", "⌉": "", "→": "->", "−": "-" };
const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/** Text as pdfkit's built-in Helvetica can show it. */
export function pdfText(text: string): string {
  return [...text]
    .map((c) => SPELT_OUT[c] ?? (/[\n\x20-\x7e\xa0-\xff]/.test(c) || WIN_ANSI_EXTRAS.includes(c) ? c : "?"))
    .join("");
}
