import type { Request } from "express";
import type { InboxStatus } from "@server/db/generated/enums.js";
import { isLocale, localeFromHeader, type Locale } from "@server/i18n/locale.js";

// Open311's human text in Bahasa Indonesia (the default) and English. Errors are in the one
// catalogue (server/errors.ts); category names in CITIZEN_CATEGORY_LABELS.

/**
 * The language of an Open311 answer: the `locale` parameter (the GeoReport v2 community
 * convention: `en`, `en_US`, `id-ID`; in the query or a POSTed field), else Accept-Language, else
 * Bahasa Indonesia. A locale Siar does not speak counts as not given.
 */
export function open311Locale(req: Request): Locale {
  const fields = [req.query.locale, (req.body as { locale?: unknown } | undefined)?.locale];
  for (const value of fields) {
    const language = typeof value === "string" ? value.trim().toLowerCase().split(/[-_]/)[0] : undefined;
    if (isLocale(language)) return language;
  }
  return localeFromHeader(req.get("accept-language"));
}

type Words = {
  serviceGroup: string;
  /** "Laporan warga: Infrastruktur, Sungai Mawang." */
  description: (service: string, place: string | null) => string;
  /** What the status means to the public: never a staff note or a reply. */
  statusNotes: Record<InboxStatus, string>;
  /** Told to the filer once, with the number that is theirs alone and where to follow the report. */
  serviceNotice: (trackingNumber: string, trackingUrl: string) => string;
};

export const OPEN311_WORDS: Record<Locale, Words> = {
  id: {
    serviceGroup: "Aspirasi dan pengaduan warga",
    description: (service, place) => `Laporan warga: ${service}${place ? `, ${place}` : ""}.`,
    statusNotes: {
      new: "Laporan diterima dan menunggu penanganan.",
      triaged: "Laporan diterima dan menunggu penanganan.",
      assigned: "Laporan sedang ditangani.",
      in_progress: "Laporan sedang ditangani.",
      reopened: "Laporan dibuka kembali dan sedang ditangani.",
      answered: "Laporan sudah dijawab.",
      resolved: "Laporan selesai ditangani.",
      closed_spam: "",
    },
    serviceNotice: (trackingNumber, trackingUrl) =>
      `Laporan diterima dan akan ditelaah petugas. Nomor pelacakan warga: ${trackingNumber}. Ikuti perkembangan dan tanggapan petugas di ${trackingUrl} (halaman Lacak laporan). Nomor ini hanya untuk pelapor: jangan dibagikan.`,
  },
  en: {
    serviceGroup: "Citizens' aspirations and complaints",
    description: (service, place) => `Citizen report: ${service}${place ? `, ${place}` : ""}.`,
    statusNotes: {
      new: "The report was received and awaits handling.",
      triaged: "The report was received and awaits handling.",
      assigned: "The report is being handled.",
      in_progress: "The report is being handled.",
      reopened: "The report was reopened and is being handled.",
      answered: "The report has been answered.",
      resolved: "The report has been resolved.",
      closed_spam: "",
    },
    serviceNotice: (trackingNumber, trackingUrl) =>
      `The report was received and will be reviewed by staff. The citizen's tracking number: ${trackingNumber}. Follow its progress and the office's replies at ${trackingUrl} (the report tracking page). The number is for the filer only: do not share it.`,
  },
};
