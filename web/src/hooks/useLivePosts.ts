import { useState } from "react";
import type { Post } from "@web/api/types";
import { usePostUpdates } from "@web/realtime/RealtimeContext";

/**
 * Loaded posts kept current: each is replaced by a newer version from the socket
 * ("post.updated") or from an action's answer (`adopt`). Posts the list did not hold are
 * added only when `belongs` says they fit it (e.g. a calendar's date range).
 */
export function useLivePosts(loaded: readonly Post[], belongs?: (post: Post) => boolean) {
  const [updates, setUpdates] = useState<Record<string, Post>>({});
  const adopt = (post: Post) => setUpdates((current) => ({ ...current, [post.id]: post }));
  usePostUpdates(adopt);

  const newest = (post: Post) => {
    const update = updates[post.id];
    return update && update.updatedAt >= post.updatedAt ? update : post;
  };
  const loadedIds = new Set(loaded.map((post) => post.id));
  const added = belongs ? Object.values(updates).filter((post) => !loadedIds.has(post.id) && belongs(post)) : [];
  return { posts: [...loaded.map(newest), ...added], adopt };
}
