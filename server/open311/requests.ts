import type { Prisma } from "@server/db/client.js";
import type { InboxStatus } from "@server/db/generated/enums.js";
import { normalizeTrackingNumber } from "@server/inbox/webReports.js";
import type { Services } from "@server/services.js";
import { isServiceCode, serviceName } from "./services.js";
import type { Record311 } from "./format.js";

export const DEFAULT_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;
const CLOSED: InboxStatus[] = ["resolved"];
/** Spam is no one's request: never listed, and unknown by number. */
const HIDDEN: InboxStatus[] = ["closed_spam"];
// Coordinates to two decimals (about 1 km): enough to see the area, not to find a citizen's house.
const COORDINATE_DECIMALS = 2;

/** What the status means to the public, by status: never a staff note or a reply. */
const STATUS_NOTES: Record<InboxStatus, string> = {
  new: "Laporan diterima dan menunggu penanganan.",
  triaged: "Laporan diterima dan menunggu penanganan.",
  assigned: "Laporan sedang ditangani.",
  in_progress: "Laporan sedang ditangani.",
  reopened: "Laporan dibuka kembali dan sedang ditangani.",
  answered: "Laporan sudah dijawab.",
  resolved: "Laporan selesai ditangani.",
  closed_spam: "",
};

export type RequestFilters = {
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  statuses?: ("open" | "closed")[];
};

const requestSelect = {
  trackingNumber: true,
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

/** The filters of GET requests: a list of ids overrides every other one, as the spec says. */
function whereOf(filters: RequestFilters): Prisma.InboxItemWhereInput {
  const base = { trackingNumber: { not: null }, status: { notIn: HIDDEN } } satisfies Prisma.InboxItemWhereInput;
  if (filters.ids) {
    const numbers = filters.ids.flatMap((id) => normalizeTrackingNumber(id) ?? []);
    return { ...base, trackingNumber: { in: numbers } };
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

export async function listPublicRequests(services: Pick<Services, "prisma">, filters: RequestFilters) {
  const rows = await services.prisma.inboxItem.findMany({
    where: whereOf(filters),
    select: requestSelect,
    orderBy: { receivedAt: "desc" },
    take: MAX_REQUESTS,
  });
  return presentPublicRequests(services, rows);
}

export async function findPublicRequest(services: Pick<Services, "prisma">, id: string): Promise<Record311 | null> {
  const [request] = await listPublicRequests(services, { ids: [id] });
  return request ?? null;
}

/**
 * A request as anyone may read it. The citizen's own words may name them, their family or their
 * address, so the description is the category and place only; status notes are fixed phrases; no
 * photo; coordinates rounded. Nothing about the citizen (name, contact) is ever selected.
 */
async function presentPublicRequests(services: Pick<Services, "prisma">, rows: RequestRow[]): Promise<Record311[]> {
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
      service_request_id: row.trackingNumber!,
      status: CLOSED.includes(row.status) ? "closed" : "open",
      status_notes: STATUS_NOTES[row.status],
      service_name: serviceName(code),
      service_code: code,
      description: `Laporan warga: ${serviceName(code)}${place ? `, ${place}` : ""}.`,
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
