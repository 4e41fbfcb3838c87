import { AppError } from "@server/errors.js";
import {
  CLOSED_LAPOR_STATUSES,
  defaultFollowUpClass,
  type LaporDirection,
  type LaporFollowUpClass,
  type LaporStatus,
} from "@server/inbox/lapor.js";
import type { Services } from "@server/services.js";
import { itemOperation, recordChange, type ItemCommand } from "./inbox.js";

/** A LAPOR! date as the officer gives it: never after now (they copy what already happened). */
function pastMoment(at: Date | undefined, now: Date, field: string): Date {
  if (at && at > now) throw new AppError("lapor_date_in_future", { field });
  return at ?? now;
}

/** Verified and closed as the status implies: a status before verification clears it, an open one the close. */
function statusMoments(
  status: LaporStatus,
  current: { verifiedAt: Date | null; closedAt: Date | null },
  verifiedAt: Date | undefined,
  now: Date,
) {
  const verified = status !== "belum_diverifikasi";
  const closed = CLOSED_LAPOR_STATUSES.includes(status);
  return {
    verifiedAt: verified ? (verifiedAt ?? current.verifiedAt ?? now) : null,
    closedAt: closed ? (current.closedAt ?? now) : null,
  };
}

/** Records that an item went to LAPOR! or came from it, with LAPOR!'s tracking number. */
export async function recordLaporHandoff(
  services: Services,
  {
    origin,
    itemId,
    ...input
  }: ItemCommand & {
    direction: LaporDirection;
    trackingNumber: string;
    followUpClass?: LaporFollowUpClass;
    /** When it was sent to LAPOR! or disposed from it; now when not given. */
    handedAt?: Date;
  },
) {
  return itemOperation(services, itemId, async (tx, item) => {
    if (await tx.laporHandoff.findUnique({ where: { itemId } })) throw new AppError("lapor_handoff_exists");
    const now = new Date();
    const handedAt = pastMoment(input.handedAt, now, "handedAt");
    // A report LAPOR! disposes to an office has passed its verification already.
    const status: LaporStatus = input.direction === "received" ? "diverifikasi" : "belum_diverifikasi";
    const data = {
      direction: input.direction,
      trackingNumber: input.trackingNumber,
      laporStatus: status,
      followUpClass: input.followUpClass ?? defaultFollowUpClass(item.kind),
      handedAt,
      verifiedAt: status === "diverifikasi" ? handedAt : null,
    };
    const { laporStatus, ...stored } = data;
    await tx.laporHandoff.create({ data: { itemId, status: laporStatus, ...stored } });
    await recordChange(tx, { origin, item, type: "lapor_handoff", data });
  });
}

/** Records what LAPOR! shows now: its status, the follow-up class, a corrected tracking number. */
export async function updateLaporHandoff(
  services: Services,
  {
    origin,
    itemId,
    ...input
  }: ItemCommand & {
    status?: LaporStatus;
    followUpClass?: LaporFollowUpClass;
    trackingNumber?: string;
    /** When LAPOR! verified it, if not today. */
    verifiedAt?: Date;
  },
) {
  return itemOperation(services, itemId, async (tx, item) => {
    const current = await tx.laporHandoff.findUnique({ where: { itemId } });
    if (!current) throw new AppError("lapor_handoff_missing");
    const now = new Date();
    const verifiedAt = input.verifiedAt && pastMoment(input.verifiedAt, now, "verifiedAt");
    const status = input.status ?? (current.status as LaporStatus);
    const next = {
      status,
      followUpClass: input.followUpClass ?? current.followUpClass,
      trackingNumber: input.trackingNumber ?? current.trackingNumber,
      ...statusMoments(status, current, verifiedAt, now),
    };
    // LAPOR!'s status is "laporStatus" on the timeline: "status" there is always the item's own.
    const changes = Object.fromEntries(
      Object.entries(next).flatMap(([key, to]) => {
        const from = current[key as keyof typeof next];
        return String(from) === String(to) ? [] : [[key === "status" ? "laporStatus" : key, { from, to }]];
      }),
    );
    if (Object.keys(changes).length === 0) return;
    await tx.laporHandoff.update({ where: { itemId }, data: next });
    await recordChange(tx, { origin, item, type: "lapor_status", data: changes });
  });
}
