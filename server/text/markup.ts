/** Markup that is already safe to send: built by the `html` tag or taken whole with `trusted`. */
export class SafeMarkup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolation = SafeMarkup | string | number | null | undefined | false | readonly Interpolation[];

// Characters XML 1.0 forbids even when escaped; a stray one would make a whole feed unreadable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML and XML alike, in element content and in quoted attributes. */
export function escapeMarkup(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: Interpolation): string {
  if (value instanceof SafeMarkup) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeMarkup(String(value));
}

/**
 * Template tag for HTML and XML: every interpolated value is escaped unless it is SafeMarkup,
 * so citizen and staff text can never open a tag. Arrays are joined; null and false vanish.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeMarkup {
  return new SafeMarkup(strings.reduce((out, literal, i) => out + literal + render(values[i]), ""));
}

/** The same tag, named for feeds and sitemaps so their templates read as what they are. */
export const xml = html;

/** Marks markup written in this codebase (never user text) as safe, such as the stylesheet. */
export function trusted(markup: string): SafeMarkup {
  return new SafeMarkup(markup);
}
