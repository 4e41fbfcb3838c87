import { changedFields, recordAudit, type ActingOrigin } from "@server/audit/record.js";
import { randomToken } from "@server/auth/tokens.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { hasSite } from "@server/sites/slugs.js";
import { loadSiteUnit } from "@server/sites/units.js";
import { isUniqueViolation } from "@server/db/errors.js";

// A unit site's settings, changed by admins: its address segment, a host name of its own, whether
// its own pages need the kabupaten's review, an OPD's site switched on; and the OpenSID push token.

export type SiteSettingsChanges = {
  slug?: string;
  host?: string | null;
  reviewRequired?: boolean;
  enabled?: boolean;
};

/** Starts OpenSID push tokens, so a leaked one is recognisable in logs and scans. */
export const PUSH_TOKEN_PREFIX = "siaropd_";

export async function updateSiteSettings(
  services: Pick<Services, "prisma" | "events">,
  { origin, unitId, changes }: { origin: ActingOrigin; unitId: string; changes: SiteSettingsChanges },
) {
  const { prisma } = services;
  const unit = await prisma.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new AppError("not_found");
  if (changes.enabled !== undefined && unit.type !== "opd")
    throw new AppError("site_not_available", { field: "enabled" });
  if (!hasSite({ type: unit.type, siteEnabled: changes.enabled ?? unit.siteEnabled }) && changes.enabled !== false)
    throw new AppError("site_not_available", { field: "unitId" });
  // Checked first so the answer names the field; the unique indexes still decide a race.
  if (
    changes.slug &&
    (await prisma.unit.count({ where: { parentId: unit.parentId, slug: changes.slug, id: { not: unitId } } }))
  )
    throw new AppError("site_slug_taken", { field: "slug" });
  if (changes.host && (await prisma.unit.count({ where: { siteHost: changes.host, id: { not: unitId } } })))
    throw new AppError("site_host_taken", { field: "host" });
  const data = {
    slug: changes.slug,
    siteHost: changes.host,
    siteReviewRequired: changes.reviewRequired,
    siteEnabled: changes.enabled,
  };
  try {
    const updated = await prisma.$transaction(async (tx) => {
      const updated = await tx.unit.update({ where: { id: unitId }, data });
      await recordAudit(tx, origin, {
        action: "site.update",
        targetType: "Unit",
        targetId: unitId,
        unitId,
        changes: changedFields(unit, data),
      });
      return updated;
    });
    services.events.emit("site.changed", { unitId });
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(changes.slug ? "site_slug_taken" : "site_host_taken");
    throw error;
  }
}

/** A new push token for a desa's OpenSID, replacing any earlier one; returned once, only its hash is kept. */
export async function issueSitePushToken(
  services: Pick<Services, "prisma" | "hasher">,
  { origin, unitId }: { origin: ActingOrigin; unitId: string },
): Promise<{ token: string; prefix: string; createdAt: Date }> {
  const unit = await loadSiteUnit(services.prisma, unitId);
  if (unit.type !== "desa" && unit.type !== "kelurahan") throw new AppError("site_not_available", { field: "unitId" });
  const token = `${PUSH_TOKEN_PREFIX}${randomToken()}`;
  const prefix = token.slice(0, PUSH_TOKEN_PREFIX.length + 6);
  const row = await services.prisma.$transaction(async (tx) => {
    const data = {
      tokenHash: services.hasher.hash(token),
      prefix,
      createdById: origin.actor.id,
      createdAt: new Date(),
      lastUsedAt: null,
    };
    const saved = await tx.sitePushToken.upsert({ where: { unitId }, create: { unitId, ...data }, update: data });
    await recordAudit(tx, origin, {
      action: "site.push_token_issue",
      targetType: "Unit",
      targetId: unitId,
      unitId,
      changes: { prefix },
    });
    return saved;
  });
  return { token, prefix, createdAt: row.createdAt };
}

export async function revokeSitePushToken(
  services: Pick<Services, "prisma">,
  { origin, unitId }: { origin: ActingOrigin; unitId: string },
): Promise<void> {
  await services.prisma.$transaction(async (tx) => {
    const deleted = await tx.sitePushToken.deleteMany({ where: { unitId } });
    if (deleted.count === 0) throw new AppError("not_found");
    await recordAudit(tx, origin, { action: "site.push_token_revoke", targetType: "Unit", targetId: unitId, unitId });
  });
}
