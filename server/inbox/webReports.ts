import type { Locale } from "@server/i18n/locale.js";
import { randomBytes } from "node:crypto";
import type { Origin } from "@server/audit/record.js";
import { isUniqueViolation } from "@server/db/errors.js";
import type { InboxStatus } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { recordCitizenPhoto, writeCitizenPhoto, type CitizenPhoto } from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import type { Category } from "@server/triage/taxonomy.js";

/** Printed before every tracking number; names the system the number belongs to. */
export const TRACKING_PREFIX = "SIAR";
// 32 symbols, so each random byte's low 5 bits pick one without bias; no 0/O or 1/I look-alikes.
const TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const TRACKING_RANDOM_LENGTH = 6;
const TRACKING_NUMBER = new RegExp(`^${TRACKING_PREFIX}-\\d{4}-[${TRACKING_ALPHABET}]{${TRACKING_RANDOM_LENGTH}}$`);
const MAX_TRACKING_ATTEMPTS = 5;

/** The unit types a citizen may place a report in. */
export const REPORT_PLACE_TYPES = ["kecamatan", "desa", "kelurahan"] as const;

/** A kecamatan and its desa/kelurahan, as the aspiration form offers them. */
export type ReportPlace = { id: string; name: string; villages: { id: string; name: string }[] };

export async function listReportPlaces(services: Pick<Services, "prisma">): Promise<ReportPlace[]> {
  const kecamatans = await services.prisma.unit.findMany({
    where: { type: "kecamatan", active: true },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      children: {
        where: { active: true, type: { in: ["desa", "kelurahan"] } },
        orderBy: { name: "asc" },
        select: { id: true, name: true },
      },
    },
  });
  return kecamatans.map(({ children, ...kecamatan }) => ({ ...kecamatan, villages: children }));
}

export type WebReportInput = {
  name: string;
  /** At least one of the two; personal data, never shown publicly. */
  contact: { phone?: string; email?: string };
  /** The chosen desa/kelurahan, or the kecamatan when no desa was chosen. */
  placeUnitId: string;
  /** The citizen's own guess at the triage category, or null for "don't know". */
  citizenCategory: Category | null;
  text: string;
  location: { lat: number; lng: number } | null;
  /** Already re-encoded (reencodeCitizenPhoto): pixels only. */
  photo?: CitizenPhoto;
};

/** The triage categories in a citizen's words (the aspiration form's choices, Open311's services). */
export const CITIZEN_CATEGORY_LABELS: Record<Locale, Record<Category, string>> = {
  id: {
    infrastruktur: "Infrastruktur: jalan, jembatan, saluran air, lampu jalan",
    lingkungan: "Lingkungan: sampah, banjir, pencemaran, pohon",
    kesehatan: "Kesehatan",
    pendidikan: "Pendidikan",
    kependudukan: "Kependudukan: KTP, KK, akta kelahiran",
    sosial: "Bantuan sosial: bansos, PKH, BLT",
    ketertiban: "Keamanan dan ketertiban: kebisingan, parkir liar",
    pelayanan_publik: "Pelayanan publik: mutu layanan, sikap petugas, pungli",
    utilitas: "Air bersih (PDAM) dan listrik",
    ekonomi: "Ekonomi: pasar, harga, usaha kecil",
    lainnya: "Lainnya",
  },
  en: {
    infrastruktur: "Infrastructure: roads, bridges, drains, street lights",
    lingkungan: "Environment: waste, floods, pollution, trees",
    kesehatan: "Health",
    pendidikan: "Education",
    kependudukan: "Civil registration: identity card (KTP), family card (KK), birth certificate",
    sosial: "Social assistance: bansos, PKH, BLT",
    ketertiban: "Public order and safety: noise, illegal parking",
    pelayanan_publik: "Public services: quality of service, conduct of staff, illegal fees",
    utilitas: "Clean water (PDAM) and electricity",
    ekonomi: "Economy: markets, prices, small businesses",
    lainnya: "Other",
  },
};
/** The citizen behind a web report, as the audit log names them (they have no account). */
export const CITIZEN_ORIGIN: Origin = { actor: null, label: "warga (formulir aspirasi)" };

/**
 * Files a report sent through the website's aspiration form as an inbox item in a conversation
 * of its own, and returns the tracking number the citizen follows it with.
 */
export async function submitWebReport(
  services: Services,
  input: WebReportInput,
  origin: Origin = CITIZEN_ORIGIN,
): Promise<{ itemId: string; trackingNumber: string }> {
  const { prisma } = services;
  const authorKey = input.contact.phone ?? input.contact.email;
  if (!authorKey) throw new AppError("validation_failed", { field: "contact" });
  const place = await prisma.unit.findUnique({
    where: { id: input.placeUnitId },
    select: { type: true, active: true, timezone: true },
  });
  if (!place?.active || !(REPORT_PLACE_TYPES as readonly string[]).includes(place.type)) {
    throw new AppError("invalid_report_place", { field: "placeUnitId" });
  }

  const sentAt = new Date();
  const written = input.photo ? await writeCitizenPhoto(services, input.photo) : null;
  try {
    for (let attempt = 1; ; attempt++) {
      const trackingNumber = newTrackingNumber(sentAt, place.timezone);
      try {
        const itemId = await prisma.$transaction(async (tx) => {
          const conversation = await tx.conversation.create({
            data: { source: "web_report", threadKey: trackingNumber, authorKey, lastItemAt: sentAt },
          });
          const photo = written && (await recordCitizenPhoto(tx, origin, input.placeUnitId, written));
          const item = await tx.inboxItem.create({
            data: {
              conversationId: conversation.id,
              source: "web_report",
              platformId: trackingNumber,
              trackingNumber,
              authorName: input.name,
              contact: input.contact,
              text: input.text,
              location: input.location ?? undefined,
              placeUnitId: input.placeUnitId,
              photoId: photo?.id,
              // Staff see the citizen's guess beside their own triage; it never decides the category.
              triage: { citizenCategory: input.citizenCategory },
              sentAt,
            },
          });
          await tx.inboxEvent.create({ data: { itemId: item.id, type: "received", data: { source: "web_report" } } });
          return item.id;
        });
        services.events.emit("inbox.itemReceived", { itemId });
        return { itemId, trackingNumber };
      } catch (error) {
        // A number drawn twice (about one in a billion per month): draw again.
        if (!isUniqueViolation(error) || attempt >= MAX_TRACKING_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await written?.discard();
    throw error;
  }
}

/** "SIAR-2611-7Q4K9M": prefix, year and month of filing in the place's time zone, 30 random bits. */
export function newTrackingNumber(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, year: "2-digit", month: "2-digit" }).formatToParts(at);
  const yymm = `${parts.find((p) => p.type === "year")!.value}${parts.find((p) => p.type === "month")!.value}`;
  const random = Array.from(randomBytes(TRACKING_RANDOM_LENGTH), (byte) => TRACKING_ALPHABET[byte & 31]).join("");
  return `${TRACKING_PREFIX}-${yymm}-${random}`;
}

/** A tracking number as a citizen typed it, in its stored form; null when it cannot be one. */
export function normalizeTrackingNumber(typed: string): string | null {
  const number = typed.trim().toUpperCase();
  return TRACKING_NUMBER.test(number) ? number : null;
}

/** What the public tracking page may show of a report: no contact, no staff names, no notes. */
export type PublicReport = {
  trackingNumber: string;
  status: InboxStatus;
  receivedAt: Date;
  /** The unit handling it, once routed. */
  unitName: string | null;
  timezone: string;
  replies: { body: string; at: Date }[];
};

export async function findPublicReport(
  services: Pick<Services, "prisma">,
  trackingNumber: string,
): Promise<PublicReport | null> {
  const { prisma } = services;
  const item = await prisma.inboxItem.findUnique({
    where: { trackingNumber },
    select: {
      trackingNumber: true,
      status: true,
      receivedAt: true,
      placeUnitId: true,
      unit: { select: { name: true } },
      events: {
        where: { type: "reply", visibility: "public" },
        orderBy: { id: "asc" },
        select: { body: true, createdAt: true },
      },
    },
  });
  if (!item) return null;
  const place = item.placeUnitId
    ? await prisma.unit.findUnique({ where: { id: item.placeUnitId }, select: { timezone: true } })
    : null;
  return {
    trackingNumber,
    status: item.status,
    receivedAt: item.receivedAt,
    unitName: item.unit?.name ?? null,
    timezone: place?.timezone ?? "Asia/Jakarta",
    replies: item.events.flatMap((event) => (event.body ? [{ body: event.body, at: event.createdAt }] : [])),
  };
}
