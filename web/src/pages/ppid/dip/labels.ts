import type { DipItem, Locale } from "@web/api/types";
import {
  DIP_BODIES,
  DIP_BODY_LABELS,
  DIP_CLASS_LABELS,
  DIP_CLASSES,
  DIP_FORMAT_LABELS,
  DIP_FORMATS,
  EXEMPTION_LABELS,
  EXEMPTION_LETTERS,
} from "@server/ppid/dip/codes";

// The DIP's codes are named once, in both languages, beside the codes themselves (the public
// pages and exports use the same names); the staff app picks the user's language.

export { DIP_BODIES, DIP_CLASSES, DIP_FORMATS, EXEMPTION_LETTERS };
export type DipClassCode = DipItem["class"];

export const classLabel = (code: DipClassCode, language: Locale) =>
  `${DIP_CLASS_LABELS[code][language]} (${DIP_CLASS_LABELS[code].article})`;
export const bodyLabel = (code: NonNullable<DipItem["body"]>, language: Locale) => DIP_BODY_LABELS[code][language];
export const formatLabel = (code: DipItem["formats"][number], language: Locale) => DIP_FORMAT_LABELS[code][language];
export const exemptionLabel = (letter: (typeof EXEMPTION_LETTERS)[number], language: Locale) =>
  `${letter}. ${EXEMPTION_LABELS[letter][language]}`;

/** What the file input offers; the server checks every file's bytes again. */
export const DIP_FILE_ACCEPT =
  ".pdf,.xlsx,.xls,.ods,.csv,.jpg,.jpeg,.png,.webp,application/pdf,text/csv,image/jpeg,image/png,image/webp";
