import type { Actor } from "@server/auth/actor.js";
import { can } from "@server/policies/index.js";
import type { ExemptionLetter } from "@server/ppid/dip/codes.js";
import { dateColumnDay, dayIn } from "@server/ppid/dip/dates.js";
import type { DipItemWithRelations } from "@server/ppid/dip/listing.js";
import { dipItemPath } from "@server/ppid/dip/paths.js";
import { effectiveClass, isExceptedNow, isPublicNow } from "@server/ppid/dip/visibility.js";
import type { Services } from "@server/services.js";
import { publicPostUrl } from "@server/channels/website.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A DIP entry as staff see it: every column, its files with every version, and what the actor may do. */
export function presentDipItem(services: Pick<Services, "config">, item: DipItemWithRelations, actor: Actor) {
  const now = new Date();
  const subject = { unitPath: item.unit.path, status: item.status };
  const apiBase = `/api/dip-items/${item.id}`;
  return {
    id: item.id,
    unit: { id: item.unit.id, name: item.unit.name, code: item.unit.code, type: item.unit.type },
    body: item.body,
    class: item.class,
    /** The class as it stands now: an excepted entry whose exception ended is available at any time. */
    effectiveClass: effectiveClass(item, now),
    title: item.title,
    summary: item.summary,
    responsibleOfficial: item.responsibleOfficial,
    madeOn: dateColumnDay(item.madeOn),
    year: item.year,
    period: item.period,
    formats: item.formats,
    retention: item.retention,
    exemption:
      item.class === "dikecualikan"
        ? {
            // A text column written only through the schema, which takes EXEMPTION_LETTERS.
            letter: item.exemptionLetter as ExemptionLetter | null,
            consequenceTest: item.consequenceTest,
            /** The first day it is public again, in the unit's zone. */
            endsOn: item.exemptionEndsAt ? dayIn(item.exemptionEndsAt, item.unit.timezone) : null,
            inForce: isExceptedNow(item, now),
          }
        : null,
    status: item.status,
    /** Shown on the public list right now. */
    public: isPublicNow(item, now),
    publishedAt: iso(item.publishedAt),
    withdrawnAt: iso(item.withdrawnAt),
    withdrawalReason: item.withdrawalReason,
    post: item.postId && item.post ? { id: item.postId, url: publicPostUrl(services, item.post.slug) } : null,
    publicUrl: services.config.publicBaseUrl + dipItemPath(item.id),
    files: item.files.map((file) => ({
      id: file.id,
      name: file.name,
      purpose: file.purpose,
      removedAt: iso(file.removedAt),
      versions: file.versions.map((version) => ({
        id: version.id,
        version: version.version,
        mimeType: version.mimeType,
        bytes: version.bytes,
        originalName: version.originalName,
        createdAt: version.createdAt.toISOString(),
        downloadUrl: `${apiBase}/files/${file.id}/versions/${version.version}`,
      })),
    })),
    permissions: {
      update: can(actor, "update", "DipItem", subject),
      publish: can(actor, "publish", "DipItem", subject),
    },
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
