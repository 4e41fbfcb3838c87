import type { Prisma } from "@server/db/client.js";
import type { PostStatus } from "@server/db/generated/enums.js";

/** A post that went out, on every channel or on some: the public site shows it, and it can be edited or withdrawn. */
export const PUBLISHED_POST_STATUSES = ["published", "partially_published"] as const satisfies readonly PostStatus[];

export function isPublishedStatus(status: string | null | undefined): boolean {
  return (PUBLISHED_POST_STATUSES as readonly string[]).includes(status ?? "");
}

// A post is public when it went out (fully or on some channels) and its delivery to Siar's own
// website succeeded; that delivery's publishedAt is its public date.
export const publishedOnWebsite = {
  status: "published",
  publishedAt: { not: null },
  channel: { kind: "website" },
} satisfies Prisma.DeliveryWhereInput;
export const publicPostWhere = {
  status: { in: [...PUBLISHED_POST_STATUSES] },
  deliveries: { some: publishedOnWebsite },
} satisfies Prisma.PostWhereInput;
