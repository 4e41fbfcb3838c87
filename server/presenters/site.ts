import type { SitePushToken } from "@server/db/generated/client.js";
import { sitePath } from "@server/sites/slugs.js";
import type { SiteUnit } from "@server/sites/units.js";

/** A unit's site as staff see it: where it lives, how it is reviewed, how current it is. */
export function presentSite(
  unit: SiteUnit,
  extra: { lastUpdatedAt: Date | null; waiting: number; pushToken: SitePushToken | null; publicBaseUrl: string },
) {
  const path = sitePath(unit);
  return {
    unit: {
      id: unit.id,
      name: unit.name,
      type: unit.type,
      parent: unit.parent ? { id: unit.parent.id, name: unit.parent.name } : null,
    },
    slug: unit.slug,
    path,
    url: path ? extra.publicBaseUrl + path : null,
    host: unit.siteHost,
    reviewRequired: unit.siteReviewRequired,
    enabled: unit.siteEnabled,
    lastUpdatedAt: extra.lastUpdatedAt?.toISOString() ?? null,
    /** Entries waiting for review. */
    waiting: extra.waiting,
    pushToken: extra.pushToken
      ? {
          prefix: extra.pushToken.prefix,
          createdAt: extra.pushToken.createdAt.toISOString(),
          lastUsedAt: extra.pushToken.lastUsedAt?.toISOString() ?? null,
        }
      : null,
  };
}

export type Site = ReturnType<typeof presentSite>;
