import type { Locale } from "@server/i18n/locale.js";
import { id, type MessageKey } from "@web/i18n/id.js";
import { translate } from "@web/i18n/translate.js";

// The staff app's own words (web/src/i18n) for what the server writes for people to read: exports
// and reports say "Komentar Facebook", never `facebook_comment`. One dictionary for both.

/** The families of codes that have words in the dictionary, by their key prefix. */
export const CODE_FAMILIES = {
  inboxSource: "inboxSource",
  inboxKind: "inboxKind",
  inboxCategory: "inboxCategory",
  urgency: "urgency",
  unitType: "unitType",
  channelKind: "channelKind",
  ppidChannel: "ppid.channel",
  ppidDecision: "ppid.decision",
  ppidReason: "ppid.reason",
  ppidObjectionOutcome: "ppid.objectionOutcome",
  ppidDisputeOutcome: "ppid.disputeOutcome",
} as const;
export type CodeFamily = keyof typeof CODE_FAMILIES;

const isKey = (key: string): key is MessageKey => Object.hasOwn(id, key);

/** A message of the dictionary in the language. */
export function word(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return translate(locale, key, vars);
}

/** A code as the UI names it ("infrastruktur" → "Infrastruktur"/"Infrastructure"); an unknown code as it is. */
export function codeWord(locale: Locale, family: CodeFamily, code: string): string {
  const key = `${CODE_FAMILIES[family]}.${code}`;
  return isKey(key) ? translate(locale, key) : code;
}

/** Whether the dictionary names this field (a segment of a dotted column such as "firstResponse"). */
export function hasFieldWord(segment: string): boolean {
  return isKey(`export.field.${segment}`);
}

/**
 * A dotted field path in words, its segments joined: "firstResponse.calendarMinutes.median" →
 * "Tanggapan pertama · menit kalender · median". A segment without a word stays as it is (tests
 * check that no export has one).
 */
export function fieldWord(locale: Locale, path: string): string {
  const words = path
    .split(".")
    .map((segment) => {
      const key = `export.field.${segment}`;
      return isKey(key) ? translate(locale, key) : segment;
    })
    .join(" · ");
  return words.charAt(0).toLocaleUpperCase(locale) + words.slice(1);
}
