import { z } from "zod";
import type { Origin } from "@server/audit/record.js";
import { withoutAdministrativeWord } from "@server/areas/names.js";
import type { Actor } from "@server/auth/actor.js";
import { AppError } from "@server/errors.js";
import type { Locale } from "@server/i18n/locale.js";
import { listReportPlaces, REPORT_PLACE_TYPES, submitWebReport } from "@server/inbox/webReports.js";
import type { Services } from "@server/services.js";
import { storableText } from "@server/text/storable.js";
import { recognisePlace, type KnownPlace } from "@server/triage/places.js";
import type { Category } from "@server/triage/taxonomy.js";
import { isServiceCode } from "./services.js";

// The spec's field messages in the answer's language, as the API's validation does (routes/validate.ts).
const localeErrors = { id: z.locales.id().localeError, en: z.locales.en().localeError };

const PHONE = /^(?:\+62|62|0)([2-9]\d{7,11})$/;
const text = (max: number) => z.string().trim().max(max).optional();
const coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();

// The spec's POST fields; everything arrives as text when form-encoded.
const postFields = z.object({
  service_code: z.string().trim().min(1),
  lat: coordinate(-11.5, 6.5),
  long: coordinate(94.5, 141.5),
  address_string: text(500),
  address_id: text(100),
  description: z.string().trim().min(10).max(5000),
  media_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  email: z.email().max(254).optional(),
  phone: text(40),
  first_name: text(60),
  last_name: text(60),
  device_id: text(200),
  account_id: text(200),
});
export type Open311Post = z.infer<typeof postFields>;

/** The POSTed fields checked, each mistake named (in `locale`) as the spec's 400 description. */
export function readPost(body: unknown, locale: Locale): Open311Post {
  const raw = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  // Empty form fields count as absent; text is made storable as the aspiration form does.
  const present: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && value.trim() !== "") present[key] = storableText(value);
    else if (typeof value === "number") present[key] = value;
  }
  const parsed = postFields.safeParse(present, { error: localeErrors[locale] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("open311_field_invalid", { field: String(issue.path[0] ?? "request"), value: issue.message });
  }
  const post = parsed.data;
  if (!isServiceCode(post.service_code))
    throw new AppError("open311_service_code_invalid", { value: post.service_code });
  if ((post.lat === undefined) !== (post.long === undefined)) throw new AppError("open311_coordinates_unpaired");
  if (post.lat === undefined && !post.address_string) throw new AppError("open311_place_missing");
  if (!post.email && !post.phone) throw new AppError("open311_contact_missing");
  return post;
}

/**
 * The desa or kecamatan the report is about: named in address_string or the description, else the
 * api_key's unit limit when that is a kecamatan or desa. Siar keeps no boundaries, so coordinates
 * alone cannot place a report.
 */
async function placeOf(services: Services, post: Open311Post, filer: Actor): Promise<string> {
  const known: KnownPlace[] = (await listReportPlaces(services)).flatMap((kecamatan) => [
    { unitId: kecamatan.id, name: withoutAdministrativeWord(kecamatan.name), type: "kecamatan" as const },
    ...kecamatan.villages.map((village) => ({
      unitId: village.id,
      name: withoutAdministrativeWord(village.name),
      type: "desa" as const,
      kecamatanName: withoutAdministrativeWord(kecamatan.name),
    })),
  ]);
  for (const words of [post.address_string, post.description]) {
    const match = words ? recognisePlace(words, known) : null;
    if (match) return match.place.unitId;
  }
  const limit = filer.token?.unitLimited ? filer.units[0] : undefined;
  if (limit && (REPORT_PLACE_TYPES as readonly string[]).includes(limit.type)) return limit.id;
  throw new AppError("open311_place_unknown");
}

/** Files a POSTed request as a web report (the aspiration form's command): its item id and tracking number. */
export async function fileOpen311Request(services: Services, post: Open311Post, filer: Actor, origin: Origin) {
  const phone = post.phone ? PHONE.exec(post.phone.replace(/[\s().-]/g, ""))?.[1] : undefined;
  if (post.phone && !phone) throw new AppError("open311_phone_invalid");
  const name = [post.first_name, post.last_name].filter(Boolean).join(" ") || "Warga (Open311)";
  const code = post.service_code as Category;
  const media = post.media_url ? `\n\nMedia: ${post.media_url}` : "";
  return submitWebReport(
    services,
    {
      name,
      contact: { ...(phone && { phone: `+62${phone}` }), ...(post.email && { email: post.email.toLowerCase() }) },
      placeUnitId: await placeOf(services, post, filer),
      citizenCategory: code,
      text: `${post.description}${post.address_string ? `\n\nAlamat: ${post.address_string}` : ""}${media}`,
      location: post.lat !== undefined && post.long !== undefined ? { lat: post.lat, lng: post.long } : null,
    },
    origin,
  );
}
