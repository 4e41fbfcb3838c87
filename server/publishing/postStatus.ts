import type { PostStatus } from "../db/generated/enums.js";

/** A post that went out, on every channel or on some: the public site shows it, and it can be edited or withdrawn. */
export const PUBLISHED_POST_STATUSES = ["published", "partially_published"] as const satisfies readonly PostStatus[];

export function isPublishedStatus(status: string | null | undefined): boolean {
  return (PUBLISHED_POST_STATUSES as readonly string[]).includes(status ?? "");
}
