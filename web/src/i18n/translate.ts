import type { Locale } from "@web/api/types";
import { en } from "./en";
import { id, type MessageKey } from "./id";

/** A message, or its forms by plural category (Intl.PluralRules) when it counts something: `{count}`. */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
export type MessageVars = Record<string, string | number>;

const dictionaries: Record<Locale, Record<MessageKey, Message>> = { id, en };
// Intl locale per UI language; en-GB gives day-month order, familiar to Indonesian readers too.
export const INTL_LOCALES: Record<Locale, string> = { id: "id-ID", en: "en-GB" };
const pluralRules: Record<Locale, Intl.PluralRules> = {
  id: new Intl.PluralRules(INTL_LOCALES.id),
  en: new Intl.PluralRules(INTL_LOCALES.en),
};

/** The message in the language, its plural form chosen by `count`, with `{name}` variables filled. */
export function translate(language: Locale, key: MessageKey, vars?: MessageVars): string {
  const message = dictionaries[language][key];
  const text =
    typeof message === "string"
      ? message
      : (message[pluralRules[language].select(Number(vars?.count ?? 0))] ?? message.other);
  return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : text;
}
