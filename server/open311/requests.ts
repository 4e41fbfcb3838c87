import type { Prisma } from "@server/db/client.js";
import type { InboxStatus } from "@server/db/generated/enums.js";
import type { Locale } from "@server/i18n/locale.js";
import { normalizeTrackingNumber } from "@server/inbox/webReports.js";
import type { Services } from "@server/services.js";
import { isServiceCode, serviceName } from "./services.js";
import type { Record311 } from "./format.js";
import { OPEN311_WORDS } from "./words.js";

export const DEFAULT_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;
const CLOSED: InboxStatus[] = ["resolved"];
/** Spam is no one's request: never listed, and unknown by number. */
const HIDDEN: InboxStatus[] = ["closed_spam"];
// Coordinates to two decimals (about 1 km): enough to see the area, not to find a citizen's house.
const COORDINATE_DECIMALS = 2;

export type RequestFilters = {
  /** Public references (the item's id); tracking numbers too, for filers given one as the id before. */
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  statuses?: ("open" | "closed")[];
};

const requestSelect = {
  id: true,
  status: true,
  category: true,
  receivedAt: true,
  updatedAt: true,
  resolutionDueAt: true,
  location: true,
  placeUnitId: true,
  unit: { select: { name: true } },
} as const;
type RequestRow = Prisma.InboxItemGetPayload<{ select: typeof requestSelect }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A list of service_request_id values split into public references (item ids) and tracking
 * numbers; anything else matches nothing. A tracking number is the citizen's key to /lacak, so
 * the route counts each against the tracking page's lookup limit.
 */
export function idsOf(ids: string[]): { references: string[]; trackingNumbers: string[] } {
  return {
    references: ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()),
    trackingNumbers: ids.flatMap((id) => normalizeTrackingNumber(id) ?? []),
  };
}

/** The filters of GET requests: a list of ids overrides every other one, as the spec says. */
function whereOf(filters: RequestFilters): Prisma.InboxItemWhereInput {
  const base = { trackingNumber: { not: null }, status: { notIn: HIDDEN } } satisfies Prisma.InboxItemWhereInput;
  if (filters.ids) {
    const { references, trackingNumbers } = idsOf(filters.ids);
    return { ...base, OR: [{ id: { in: references } }, { trackingNumber: { in: trackingNumbers } }] };
  }
  const end = filters.end ?? new Date();
  const start = filters.start ?? new Date(end.getTime() - DEFAULT_SPAN_DAYS * 86_400_000);
  const and: Prisma.InboxItemWhereInput[] = [base, { receivedAt: { gte: start, lte: end } }];
  if (filters.serviceCodes) {
    const codes = filters.serviceCodes.filter(isServiceCode);
    // An item not triaged yet is shown as "lainnya", so that code finds it too.
    and.push({ OR: [{ category: { in: codes } }, ...(codes.includes("lainnya") ? [{ category: null }] : [])] });
  }
  const statuses = new Set(filters.statuses ?? []);
  if (statuses.size === 1) {
    and.push({ status: statuses.has("closed") ? { in: CLOSED } : { notIn: [...CLOSED, ...HIDDEN] } });
  }
  return { AND: and };
}

export async function listPublicRequests(services: Pick<Services, "prisma">, filters: RequestFilters, locale: Locale) {
  const rows = await services.prisma.inboxItem.findMany({
    where: whereOf(filters),
    select: requestSelect,
    orderBy: { receivedAt: "desc" },
    take: MAX_REQUESTS,
  });
  return presentPublicRequests(services, rows, locale);
}

export async function findPublicRequest(
  services: Pick<Services, "prisma">,
  id: string,
  locale: Locale,
): Promise<Record311 | null> {
  const [request] = await listPublicRequests(services, { ids: [id] }, locale);
  return request ?? null;
}

/**
 * A request as anyone may read it. The citizen's own words may name them, their family or their
 * address, so the description is the category and place only; status notes are fixed phrases; no
 * photo; coordinates rounded. Nothing about the citizen (name, contact) is ever selected, nor the
 * tracking number: it opens /lacak with the office's replies to the citizen, so the public
 * reference is the item's id, which opens nothing public.
 */
async function presentPublicRequests(
  services: Pick<Services, "prisma">,
  rows: RequestRow[],
  locale: Locale,
): Promise<Record311[]> {
  const words = OPEN311_WORDS[locale];
  const placeIds = [...new Set(rows.flatMap((row) => row.placeUnitId ?? []))];
  const places = new Map(
    (await services.prisma.unit.findMany({ where: { id: { in: placeIds } }, select: { id: true, name: true } })).map(
      (unit) => [unit.id, unit.name],
    ),
  );
  return rows.map((row) => {
    const code = row.category && isServiceCode(row.category) ? row.category : "lainnya";
    const place = row.placeUnitId ? (places.get(row.placeUnitId) ?? null) : null;
    const location = row.location as { lat?: unknown; lng?: unknown } | null;
    const coordinate = (value: unknown) =>
      typeof value === "number" ? Number(value.toFixed(COORDINATE_DECIMALS)) : null;
    return {
      service_request_id: row.id,
      status: CLOSED.includes(row.status) ? "closed" : "open",
      status_notes: words.statusNotes[row.status],
      service_name: serviceName(code, locale),
      service_code: code,
      description: words.description(serviceName(code, locale), place),
      agency_responsible: row.unit?.name ?? null,
      service_notice: null,
      requested_datetime: row.receivedAt.toISOString(),
      updated_datetime: row.updatedAt.toISOString(),
      expected_datetime: row.resolutionDueAt?.toISOString() ?? null,
      address: place,
      address_id: null,
      zipcode: null,
      lat: coordinate(location?.lat),
      long: coordinate(location?.lng),
      media_url: null,
    };
  });
}
