import { changedFields, recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { DipBody, DipClass, DipFormat } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import type { ExemptionLetter } from "@server/ppid/dip/codes.js";
import { startOfDayIn } from "@server/ppid/dip/dates.js";
import { dipFileKey } from "@server/ppid/dip/files.js";
import { fileStore } from "@server/storage/fileStore.js";
import { dipItemInclude, type DipItemWithRelations } from "@server/ppid/dip/listing.js";
import type { Services } from "@server/services.js";

// Keeping the DIP: entries are drafted, published (checked complete), changed while published
// (the list must stay current), withdrawn with a reason, or deleted while still drafts. Every
// change is one transaction with its audit record.

export type DipItemInput = {
  unitId: string;
  body?: DipBody | null;
  class: DipClass;
  title: string;
  summary: string;
  responsibleOfficial: string;
  /** A calendar day ("2026-03-31"). */
  madeOn?: string | null;
  year: number;
  period?: string | null;
  formats: DipFormat[];
  retention: string;
  exemptionLetter?: ExemptionLetter | null;
  consequenceTest?: string | null;
  /** The first day the information is public again, in the unit's zone. */
  exemptionEndsOn?: string | null;
};
export type DipItemChanges = Partial<Omit<DipItemInput, "unitId">>;

type Tx = Prisma.TransactionClient;
type UnitRow = { id: string; type: string; timezone: string; active: boolean };

const EXEMPTION_FIELDS = ["exemptionLetter", "consequenceTest", "exemptionEndsAt"] as const;

/** The columns an input writes; exemption fields only for excepted entries, a body only under a desa. */
function columnsOf(input: DipItemChanges, unit: UnitRow, resultingClass: DipClass) {
  if (input.body && unit.type !== "desa") throw new AppError("dip_body_needs_desa", { field: "body" });
  const excepted = resultingClass === "dikecualikan";
  return {
    body: input.body,
    class: input.class,
    title: input.title,
    summary: input.summary,
    responsibleOfficial: input.responsibleOfficial,
    madeOn: input.madeOn === undefined ? undefined : input.madeOn ? new Date(input.madeOn) : null,
    year: input.year,
    period: input.period,
    formats: input.formats,
    retention: input.retention,
    // Reclassified out of the excepted list: its exemption no longer applies.
    exemptionLetter: excepted ? input.exemptionLetter : null,
    consequenceTest: excepted ? input.consequenceTest : null,
    exemptionEndsAt: !excepted
      ? null
      : input.exemptionEndsOn === undefined
        ? undefined
        : input.exemptionEndsOn
          ? startOfDayIn(input.exemptionEndsOn, unit.timezone)
          : null,
  };
}

/** A published entry must be complete: an excepted one names its exemption, consequence test and end. */
export function assertPublishable(item: DipItemWithRelations): void {
  if (item.class !== "dikecualikan") return;
  const testDocument = item.files.some(
    (file) => file.purpose === "consequence_test" && !file.removedAt && file.versions.length > 0,
  );
  const missing = !item.exemptionLetter
    ? "exemptionLetter"
    : !item.consequenceTest?.trim() && !testDocument
      ? "consequenceTest"
      : !item.exemptionEndsAt
        ? "exemptionEndsOn"
        : null;
  if (missing) throw new AppError("dip_exemption_incomplete", { field: missing });
}

async function activeUnit(tx: Tx, unitId: string): Promise<UnitRow> {
  const unit = await tx.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new AppError("not_found", { field: "unitId" });
  if (!unit.active) throw new AppError("unit_inactive", { field: "unitId" });
  return unit;
}

export async function loadDipItem(tx: Tx, id: string): Promise<DipItemWithRelations> {
  const item = await tx.dipItem.findUnique({ where: { id }, include: dipItemInclude });
  if (!item) throw new AppError("not_found");
  return item;
}

/** Runs one change of an entry in a transaction with its audit record; returns the entry as it is after. */
export async function dipItemChange(
  services: Services,
  origin: ActingOrigin | { actor: null; label: string },
  action: string,
  change: (tx: Tx) => Promise<{ id: string; unitId: string; changes: Record<string, unknown> }>,
): Promise<DipItemWithRelations> {
  const item = await services.prisma.$transaction(async (tx) => {
    const { id, unitId, changes } = await change(tx);
    await recordAudit(tx, origin, {
      action: `dip_item.${action}`,
      targetType: "DipItem",
      targetId: id,
      unitId,
      changes,
    });
    return loadDipItem(tx, id);
  });
  services.events.emit("ppid.changed", { unitId: item.unitId });
  return item;
}

export async function createDipItem(
  services: Services,
  { origin, item: input }: { origin: ActingOrigin; item: DipItemInput },
): Promise<DipItemWithRelations> {
  return dipItemChange(services, origin, "create", async (tx) => {
    const unit = await activeUnit(tx, input.unitId);
    const { title, summary, responsibleOfficial, year, formats, retention } = input;
    const created = await tx.dipItem.create({
      data: {
        ...columnsOf(input, unit, input.class),
        ...{ title, summary, responsibleOfficial, year, formats, retention, class: input.class },
        unitId: unit.id,
        createdById: origin.actor.id,
      },
    });
    return { id: created.id, unitId: unit.id, changes: { ...input } };
  });
}

export async function updateDipItem(
  services: Services,
  { origin, itemId, changes: input }: { origin: ActingOrigin; itemId: string; changes: DipItemChanges },
): Promise<DipItemWithRelations> {
  return dipItemChange(services, origin, "update", async (tx) => {
    const before = await loadDipItem(tx, itemId);
    const unit = await activeUnit(tx, before.unitId);
    const columns = columnsOf(input, unit, input.class ?? before.class);
    // A new end of the exception is audited again when it comes.
    const endMoved =
      columns.exemptionEndsAt !== undefined && columns.exemptionEndsAt?.getTime() !== before.exemptionEndsAt?.getTime();
    await tx.dipItem.update({
      where: { id: itemId },
      data: { ...columns, ...(endMoved ? { exemptionEndRecordedAt: null } : {}) },
    });
    const after = await loadDipItem(tx, itemId);
    if (after.status === "published") assertPublishable(after);
    const compared = Object.fromEntries(
      [
        "body",
        "class",
        "title",
        "summary",
        "responsibleOfficial",
        "madeOn",
        "year",
        "period",
        "formats",
        "retention",
        ...EXEMPTION_FIELDS,
      ].map((field) => [field, after[field as keyof typeof after]]),
    );
    return {
      id: itemId,
      unitId: before.unitId,
      changes: changedFields(before as unknown as Record<string, unknown>, compared),
    };
  });
}

export async function publishDipItem(
  services: Services,
  { origin, itemId }: { origin: ActingOrigin; itemId: string },
): Promise<DipItemWithRelations> {
  return dipItemChange(services, origin, "publish", async (tx) => {
    const item = await loadDipItem(tx, itemId);
    if (item.status === "published") throw new AppError("invalid_dip_transition");
    await activeUnit(tx, item.unitId);
    assertPublishable(item);
    await tx.dipItem.update({
      where: { id: itemId },
      data: { status: "published", publishedAt: new Date(), withdrawnAt: null, withdrawalReason: null },
    });
    return { id: itemId, unitId: item.unitId, changes: { status: { from: item.status, to: "published" } } };
  });
}

export async function withdrawDipItem(
  services: Services,
  { origin, itemId, reason }: { origin: ActingOrigin; itemId: string /** Why it leaves the list. */; reason: string },
): Promise<DipItemWithRelations> {
  return dipItemChange(services, origin, "withdraw", async (tx) => {
    const item = await loadDipItem(tx, itemId);
    if (item.status !== "published") throw new AppError("invalid_dip_transition");
    await tx.dipItem.update({
      where: { id: itemId },
      data: { status: "withdrawn", withdrawnAt: new Date(), withdrawalReason: reason },
    });
    return { id: itemId, unitId: item.unitId, changes: { status: { from: "published", to: "withdrawn" }, reason } };
  });
}

/** Deletes a draft that was never published, with its files; published entries are withdrawn instead. */
export async function deleteDipItem(
  services: Services,
  { origin, itemId }: { origin: ActingOrigin; itemId: string },
): Promise<void> {
  const removed = await services.prisma.$transaction(async (tx) => {
    const item = await loadDipItem(tx, itemId);
    if (item.status !== "draft" || item.publishedAt) throw new AppError("invalid_dip_transition");
    await tx.dipItem.delete({ where: { id: itemId } });
    await recordAudit(tx, origin, {
      action: "dip_item.delete",
      targetType: "DipItem",
      targetId: itemId,
      unitId: item.unitId,
      changes: { title: item.title, class: item.class, files: item.files.map((file) => file.name) },
    });
    return {
      unitId: item.unitId,
      keys: item.files.flatMap((file) => file.versions.map((version) => version.storageKey)),
    };
  });
  services.events.emit("ppid.changed", { unitId: removed.unitId });
  // After the commit: a failed delete keeps its files.
  const store = fileStore(services.config);
  await Promise.all(removed.keys.map((key) => store.delete(dipFileKey(key))));
}
