import { recordAudit, type ActingOrigin, type Origin } from "@server/audit/record.js";
import { Prisma } from "@server/db/client.js";
import type { SiteEntry } from "@server/db/generated/client.js";
import type { SiteEntryKind } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { documentsOf, entryKeyOf, photosOf, type SiteContent } from "@server/sites/content.js";
import { contentChanges } from "@server/sites/diff.js";
import { loadSiteUnit, verifyingUnitId } from "@server/sites/units.js";

// The life of a site entry: drafted (by an operator, staff, or an OpenSID push), sent for review,
// approved (the draft becomes the published version) or returned with comments. Each step is one
// transaction with its audit record.

type Tx = Prisma.TransactionClient;

/** Photos and files must be the entry's unit's own uploads. */
async function checkAttachments(tx: Tx, unitId: string, kind: SiteEntryKind, content: SiteContent) {
  const photos = [...new Set(photosOf(kind, content))];
  const documents = documentsOf(content);
  const photoCount = await tx.mediaAsset.count({ where: { id: { in: photos }, unitId, kind: "image" } });
  const documentCount = await tx.siteDocument.count({ where: { id: { in: documents }, unitId } });
  if (photoCount !== photos.length || documentCount !== documents.length)
    throw new AppError("site_attachment_not_found", { field: "content" });
}

/** Which fields a change touches, for the audit log (the values stay in the entry's history). */
function changedFieldNames(before: unknown, after: SiteContent): string[] {
  return contentChanges(before as Record<string, unknown> | null, after as Record<string, unknown>).map((c) => c.field);
}

export type SaveDraftProps = {
  origin: Origin;
  unitId: string;
  kind: SiteEntryKind;
  /** Checked content of that kind (server/sites/content.ts). */
  content: SiteContent;
  /** An existing entry to change; without it a keyed kind (profile, budget) finds its entry by key. */
  entryId?: string;
  /** Send it for review straight away. */
  submit?: boolean;
  /** opensid for pushed content; a pushed entry keeps its OpenSID key. */
  source?: string;
  entryKey?: string | null;
};

/** Writes a draft: a new entry, or the change waiting on an existing one. */
export async function saveSiteDraft(services: Pick<Services, "prisma">, props: SaveDraftProps): Promise<SiteEntry> {
  const { origin, unitId, kind, content } = props;
  return services.prisma.$transaction(async (tx) => {
    await loadSiteUnit(tx, unitId);
    await checkAttachments(tx, unitId, kind, content);
    const entryKey = props.entryKey ?? entryKeyOf(kind, content);
    const existing = props.entryId
      ? await tx.siteEntry.findUnique({ where: { id: props.entryId } })
      : entryKey
        ? await tx.siteEntry.findUnique({ where: { unitId_kind_entryKey: { unitId, kind, entryKey } } })
        : null;
    if (props.entryId && (!existing || existing.unitId !== unitId || existing.kind !== kind))
      throw new AppError("not_found");
    // A reviewer's edit of what waits keeps it waiting for their approval.
    const status = props.submit || existing?.status === "in_review" ? "in_review" : "draft";
    const submitted = props.submit ? { submittedById: origin.actor?.id ?? null, submittedAt: new Date() } : {};
    const data = { draft: content as Prisma.InputJsonValue, status, ...submitted } as const;
    const entry = existing
      ? await tx.siteEntry.update({
          where: { id: existing.id },
          data: { ...data, reviewNote: props.submit ? null : existing.reviewNote },
        })
      : await tx.siteEntry.create({ data: { ...data, unitId, kind, entryKey, source: props.source ?? "siar" } });
    await recordAudit(tx, origin, {
      action: existing ? "site_entry.update" : "site_entry.create",
      targetType: "SiteEntry",
      targetId: entry.id,
      unitId,
      changes: {
        kind,
        status,
        fields: changedFieldNames(existing?.draft ?? existing?.published ?? null, content),
        source: entry.source,
      },
    });
    return entry;
  });
}

/** Loads an entry for a step of its review; the step throws when it does not apply. */
async function transition(
  services: Pick<Services, "prisma">,
  origin: ActingOrigin,
  entryId: string,
  action: string,
  step: (tx: Tx, entry: SiteEntry) => Promise<{ entry: SiteEntry; changes: Record<string, unknown> }>,
): Promise<SiteEntry> {
  return services.prisma.$transaction(async (tx) => {
    const before = await tx.siteEntry.findUnique({ where: { id: entryId } });
    if (!before) throw new AppError("not_found");
    const { entry, changes } = await step(tx, before);
    await recordAudit(tx, origin, {
      action: `site_entry.${action}`,
      targetType: "SiteEntry",
      targetId: entry.id,
      unitId: entry.unitId,
      changes,
    });
    return entry;
  });
}

/** Sends a draft for review. */
export function submitSiteEntry(
  services: Pick<Services, "prisma">,
  { origin, entryId }: { origin: ActingOrigin; entryId: string },
) {
  return transition(services, origin, entryId, "submit", async (tx, entry) => {
    if (entry.draft === null || entry.status === "in_review") throw new AppError("site_entry_nothing_to_review");
    return {
      entry: await tx.siteEntry.update({
        where: { id: entry.id },
        data: { status: "in_review", submittedById: origin.actor.id, submittedAt: new Date() },
      }),
      changes: { status: { from: entry.status, to: "in_review" } },
    };
  });
}

/** The draft becomes the published version, marked as verified by the reviewer's unit. */
export async function approveSiteEntry(
  services: Pick<Services, "prisma" | "events">,
  { origin, entryId }: { origin: ActingOrigin; entryId: string },
) {
  const approved = await transition(services, origin, entryId, "approve", async (tx, entry) => {
    if (entry.draft === null) throw new AppError("site_entry_nothing_to_review");
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: entry.unitId }, select: { path: true } });
    const now = new Date();
    const fields = changedFieldNames(entry.published, entry.draft as SiteContent);
    return {
      entry: await tx.siteEntry.update({
        where: { id: entry.id },
        data: {
          published: entry.draft as Prisma.InputJsonValue,
          draft: Prisma.DbNull,
          status: "published",
          reviewNote: null,
          reviewedById: origin.actor.id,
          reviewedAt: now,
          verifiedByUnitId: await verifyingUnitId(tx, origin.actor, unit.path),
          verifiedAt: now,
          publishedAt: now,
          firstPublishedAt: entry.firstPublishedAt ?? now,
        },
      }),
      changes: { status: { from: entry.status, to: "published" }, fields },
    };
  });
  services.events.emit("site.changed", { unitId: approved.unitId });
  return approved;
}

/** Sends the change back to its writer with the reviewer's comments; the published version stays. */
export function returnSiteEntry(
  services: Pick<Services, "prisma">,
  { origin, entryId, note }: { origin: ActingOrigin; entryId: string; note: string },
) {
  return transition(services, origin, entryId, "return", async (tx, entry) => {
    if (entry.draft === null || entry.status !== "in_review") throw new AppError("site_entry_nothing_to_review");
    return {
      entry: await tx.siteEntry.update({
        where: { id: entry.id },
        data: { status: "returned", reviewNote: note, reviewedById: origin.actor.id, reviewedAt: new Date() },
      }),
      changes: { status: { from: entry.status, to: "returned" }, note },
    };
  });
}

/** Removes an entry: a never-published draft by its writers, a published one by a reviewer (`mayUnpublish`). */
export async function deleteSiteEntry(
  services: Pick<Services, "prisma" | "events">,
  { origin, entryId, mayUnpublish }: { origin: ActingOrigin; entryId: string; mayUnpublish: boolean },
): Promise<void> {
  const unitId = await services.prisma.$transaction(async (tx) => {
    const entry = await tx.siteEntry.findUnique({ where: { id: entryId } });
    if (!entry) throw new AppError("not_found");
    if (entry.published !== null && !mayUnpublish) throw new AppError("site_entry_not_deletable");
    await tx.siteEntry.delete({ where: { id: entryId } });
    await recordAudit(tx, origin, {
      action: "site_entry.delete",
      targetType: "SiteEntry",
      targetId: entry.id,
      unitId: entry.unitId,
      changes: { kind: entry.kind, wasPublished: entry.published !== null },
    });
    return entry.unitId;
  });
  services.events.emit("site.changed", { unitId });
}
