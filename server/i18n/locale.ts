export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "id";

/** Picks id or en from an Accept-Language header; Bahasa Indonesia unless English is preferred. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.split("-")[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.lang === "id" || entry.lang === "en")
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? DEFAULT_LOCALE;
}

/** The cookie that keeps a visitor's chosen language on the public site (set by GET /bahasa). */
export const LANGUAGE_COOKIE = "siar_lang";

export function isLocale(value: unknown): value is Locale {
  return value === "id" || value === "en";
}

/**
 * A visitor's language: the one they chose (the language cookie), else their browser's
 * (Accept-Language), else Bahasa Indonesia.
 */
export function requestLocale(chosen: unknown, acceptLanguage: string | undefined): Locale {
  return isLocale(chosen) ? chosen : localeFromHeader(acceptLanguage);
}
