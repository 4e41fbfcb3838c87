import type { Actor } from "@server/auth/actor.js";
import type { PrismaClient } from "@server/db/client.js";
import type { SiteEntry } from "@server/db/generated/client.js";
import type { SiteEntryKind } from "@server/db/generated/enums.js";
import { mediaPath, mediaUrl } from "@server/media/storage.js";
import { can } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { documentsOf, entryTitle, photosOf, readContent, type SiteContent } from "@server/sites/content.js";
import { contentChanges } from "@server/sites/diff.js";
import { entrySubject, type SiteUnit } from "@server/sites/units.js";

type EntryUnit = Pick<SiteUnit, "id" | "name" | "type" | "path" | "siteReviewRequired">;

/** The photos' and files' addresses and names, for the editor and the review. */
export type Attachments = {
  [id: string]: {
    url: string;
    /** Relative, for the public pages' images and their resized variants. */
    path: string;
    name: string;
    mimeType: string;
    bytes: number;
    width: number | null;
    height: number | null;
  };
};

export async function loadAttachments(
  services: Pick<Services, "prisma" | "config">,
  entries: Pick<SiteEntry, "kind" | "draft" | "published">[],
): Promise<Attachments> {
  const contents = entries.flatMap((entry) => [entry.draft, entry.published].map((c) => readContent(entry.kind, c)));
  const photoIds = contents.flatMap((content, i) => photosOf(entries[Math.floor(i / 2)]!.kind, content));
  const documentIds = contents.flatMap(documentsOf);
  const prisma: PrismaClient = services.prisma;
  const [media, documents] = await Promise.all([
    prisma.mediaAsset.findMany({ where: { id: { in: photoIds } } }),
    prisma.siteDocument.findMany({ where: { id: { in: documentIds } } }),
  ]);
  const base = services.config.publicBaseUrl;
  return Object.fromEntries<Attachments[string]>([
    ...media.map((m): [string, Attachments[string]] => [
      m.id,
      {
        url: mediaUrl(base, m.storageKey),
        path: mediaPath(m.storageKey),
        name: m.originalName,
        mimeType: m.mimeType,
        bytes: m.bytes,
        width: m.width,
        height: m.height,
      },
    ]),
    ...documents.map((d): [string, Attachments[string]] => [
      d.id,
      {
        url: mediaUrl(base, d.storageKey),
        path: mediaPath(d.storageKey),
        name: d.originalName,
        mimeType: d.mimeType,
        bytes: d.bytes,
        width: null,
        height: null,
      },
    ]),
  ]);
}

/** One line of a list of entries. */
export function presentSiteEntrySummary(entry: SiteEntry, unit: EntryUnit) {
  const content = readContent(entry.kind, entry.draft) ?? readContent(entry.kind, entry.published);
  return {
    id: entry.id,
    unit: { id: unit.id, name: unit.name, type: unit.type },
    kind: entry.kind as SiteEntryKind,
    title: entryTitle(entry.kind, content as SiteContent | null),
    status: entry.status,
    pending: entry.draft !== null,
    everPublished: entry.published !== null,
    reviewNote: entry.reviewNote,
    source: entry.source,
    submittedAt: entry.submittedAt?.toISOString() ?? null,
    publishedAt: entry.publishedAt?.toISOString() ?? null,
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/** An entry with both versions, the change between them, and what the viewer may do with it. */
export function presentSiteEntry(
  entry: SiteEntry,
  unit: EntryUnit,
  context: { actor: Actor; attachments: Attachments; verifiedByName: string | null },
) {
  const subject = entrySubject(unit);
  const draft = readContent(entry.kind, entry.draft);
  const published = readContent(entry.kind, entry.published);
  const mayApprove = can(context.actor, "approve", "SiteEntry", subject);
  return {
    ...presentSiteEntrySummary(entry, unit),
    draft,
    published,
    changes: draft ? contentChanges(published as Record<string, unknown> | null, draft as Record<string, unknown>) : [],
    verifiedBy: entry.verifiedByUnitId ? { id: entry.verifiedByUnitId, name: context.verifiedByName } : null,
    verifiedAt: entry.verifiedAt?.toISOString() ?? null,
    reviewedAt: entry.reviewedAt?.toISOString() ?? null,
    attachments: context.attachments,
    permissions: {
      edit: can(context.actor, "update", "SiteEntry", subject),
      submit: can(context.actor, "update", "SiteEntry", subject) && draft !== null && entry.status !== "in_review",
      approve: mayApprove && draft !== null,
      return: mayApprove && draft !== null && entry.status === "in_review",
      delete: entry.published === null ? can(context.actor, "update", "SiteEntry", subject) : mayApprove,
    },
  };
}

export type SiteEntrySummary = ReturnType<typeof presentSiteEntrySummary>;
export type SiteEntryDetail = ReturnType<typeof presentSiteEntry>;
