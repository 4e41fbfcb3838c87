import { CITIZEN_CATEGORY_LABELS } from "@server/inbox/webReports.js";
import { CATEGORIES, type Category } from "@server/triage/taxonomy.js";
import type { Record311 } from "./format.js";

/** Every service is a report to the office; Siar groups them as its inbox does. */
const SERVICE_GROUP = "Aspirasi dan pengaduan warga";

export function isServiceCode(code: string): code is Category {
  return (CATEGORIES as readonly string[]).includes(code);
}

/** "Infrastruktur: jalan, jembatan" → the name before the colon, the examples as keywords. */
export function serviceName(code: Category): string {
  return CITIZEN_CATEGORY_LABELS[code].split(":")[0]!;
}

/** Siar's triage categories as Open311 services; none asks for extra attributes (metadata false). */
export function listServices(): Record311[] {
  return CATEGORIES.map((code) => {
    const label = CITIZEN_CATEGORY_LABELS[code];
    const keywords = label.includes(":") ? label.slice(label.indexOf(":") + 1).trim() : "";
    return {
      service_code: code,
      service_name: serviceName(code),
      description: label,
      metadata: false,
      type: "realtime",
      keywords,
      group: SERVICE_GROUP,
    };
  });
}

/** A service's definition: with metadata false there are no attributes to describe. */
export function serviceDefinition(code: Category): Record311 {
  return { service_code: code, attributes: [] };
}
