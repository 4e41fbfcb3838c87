import type { Locale } from "@server/i18n/locale.js";
import { CITIZEN_CATEGORY_LABELS } from "@server/inbox/webReports.js";
import { CATEGORIES, type Category } from "@server/triage/taxonomy.js";
import type { Record311 } from "./format.js";
import { OPEN311_WORDS } from "./words.js";

export function isServiceCode(code: string): code is Category {
  return (CATEGORIES as readonly string[]).includes(code);
}

/** "Infrastruktur: jalan, jembatan" → the name before the colon, the examples as keywords. */
export function serviceName(code: Category, locale: Locale): string {
  return CITIZEN_CATEGORY_LABELS[locale][code].split(":")[0]!;
}

/** Siar's triage categories as Open311 services; none asks for extra attributes (metadata false). */
export function listServices(locale: Locale): Record311[] {
  return CATEGORIES.map((code) => {
    const label = CITIZEN_CATEGORY_LABELS[locale][code];
    const keywords = label.includes(":") ? label.slice(label.indexOf(":") + 1).trim() : "";
    return {
      service_code: code,
      service_name: serviceName(code, locale),
      description: label,
      metadata: false,
      type: "realtime",
      keywords,
      // Every service is a report to the office; Siar groups them as its inbox does.
      group: OPEN311_WORDS[locale].serviceGroup,
    };
  });
}

/** A service's definition: with metadata false there are no attributes to describe. */
export function serviceDefinition(code: Category): Record311 {
  return { service_code: code, attributes: [] };
}
