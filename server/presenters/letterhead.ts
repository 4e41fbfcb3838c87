import { mediaPath } from "@server/media/storage.js";
import type { LetterheadSettings } from "@server/reports/letterhead.js";

/** The letterhead as the admin screen shows it: the logo as a link to its file. */
export function presentLetterhead(settings: LetterheadSettings) {
  return {
    address: settings.address,
    contact: settings.contact,
    logoUrl: settings.logoKey ? mediaPath(settings.logoKey) : null,
  };
}
