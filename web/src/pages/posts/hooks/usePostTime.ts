import type { Post } from "@web/api/types";
import { useI18n } from "@web/i18n";

/** When a post went or goes out, in its unit's zone: published, scheduled, or "as soon as approved". */
export function usePostTime() {
  const { t, formatInZone } = useI18n();
  return (post: Post): string => {
    if (post.publishedAt) return t("posts.publishedAt", { at: formatInZone(post.publishedAt, post.unit.timezone) });
    if (post.scheduledAt) return t("posts.scheduledAt", { at: formatInZone(post.scheduledAt, post.unit.timezone) });
    return t("posts.asap");
  };
}
