import type { Post } from "@web/api/types";
import { useI18n } from "@web/i18n";

const NOT_YET_OUT: Post["status"][] = ["draft", "in_review", "approved", "scheduled", "publishing"];

/**
 * When a post went or goes out, in its unit's zone: published, scheduled, "as soon as approved"
 * (only while it still waits for an approval), "right away", or not published at all.
 */
export function usePostTime() {
  const { t, formatInZone } = useI18n();
  return (post: Post): string => {
    // A post that went out on some channel dates from its first delivery if the post itself has no date.
    const publishedAt = post.publishedAt ?? post.deliveries.find((delivery) => delivery.publishedAt)?.publishedAt;
    if (publishedAt) return t("posts.publishedAt", { at: formatInZone(publishedAt, post.unit.timezone) });
    if (post.scheduledAt) return t("posts.scheduledAt", { at: formatInZone(post.scheduledAt, post.unit.timezone) });
    if (post.needsApproval && (post.status === "draft" || post.status === "in_review")) return t("posts.asap");
    return NOT_YET_OUT.includes(post.status) ? t("posts.now") : t("posts.notPublished");
  };
}
