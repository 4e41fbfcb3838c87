import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setRequestLanguage } from "@web/api/client";
import type { Locale, Timezone } from "@web/api/types";
import { ZONE_ABBREVIATIONS } from "@web/publishing/zonedTime";
import type { MessageKey } from "./id";
import { INTL_LOCALES, type MessageVars, translate } from "./translate";

export type { MessageKey, MessageVars };
export { translate };

const STORAGE_KEY = "siar.language";

/** The language the user chose (kept in this browser), else the browser's own, else Bahasa Indonesia. */
function storedLanguage(): Locale {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (chosen === "en" || chosen === "id") return chosen;
  } catch {
    // storage disabled: no choice kept
  }
  return browserLanguage();
}

/** The first of the browser's languages that Siar speaks. */
function browserLanguage(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const language = tag.toLowerCase().split("-")[0];
    if (language === "en" || language === "id") return language;
  }
  return "id";
}

type I18n = {
  language: Locale;
  /** The Intl locale for the UI language, for formats the helpers below do not cover. */
  intlLocale: string;
  setLanguage(language: Locale): void;
  t(key: MessageKey, vars?: MessageVars): string;
  formatDateTime(iso: string): string;
  /** Date and time as a clock in the unit's zone shows it, with the zone: "5 Mar 2026 09.30 WIB". */
  formatInZone(iso: string, timeZone: Timezone): string;
  /** The time alone, as the unit's clock shows it: "09.30 WIB". */
  formatTimeInZone(iso: string, timeZone: Timezone): string;
  /** An amount of money, with up to three decimals for X's small unit prices: "US$0,015". */
  formatMoney(amount: number, currency: "USD"): string;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Locale>(() => {
    // Before the first request (the session check) goes out with an Accept-Language.
    const initial = storedLanguage();
    setRequestLanguage(initial);
    return initial;
  });

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Locale) => {
    setRequestLanguage(next);
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this tab.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(INTL_LOCALES[language], { dateStyle: "medium", timeStyle: "medium" });
    return {
      language,
      intlLocale: INTL_LOCALES[language],
      setLanguage,
      t: (key, vars) => translate(language, key, vars),
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
      formatInZone: (iso, timeZone) =>
        `${new Intl.DateTimeFormat(INTL_LOCALES[language], { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso))} ${ZONE_ABBREVIATIONS[timeZone]}`,
      formatMoney: (amount, currency) =>
        new Intl.NumberFormat(INTL_LOCALES[language], {
          style: "currency",
          currency,
          minimumFractionDigits: 2,
          maximumFractionDigits: amount !== 0 && Math.abs(amount) < 1 ? 3 : 2,
        }).format(amount),
      formatTimeInZone: (iso, timeZone) =>
        `${new Intl.DateTimeFormat(INTL_LOCALES[language], { timeStyle: "short", timeZone }).format(new Date(iso))} ${ZONE_ABBREVIATIONS[timeZone]}`,
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n must be used inside <I18nProvider>");
  return context;
}
