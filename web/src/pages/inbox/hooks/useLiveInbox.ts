import { useEffect, useState } from "react";
import type { InboxItem } from "@web/api/types";
import type { CursorList } from "@web/hooks/useCursorList";
import { useInboxItemUpdates } from "./inboxSocket";

/**
 * The loaded list kept current from "inbox.item.updated": items it holds are replaced in place;
 * items it lacks that `belongs` accepts wait as "N new" until `showNew` puts them on top, so rows
 * do not jump under the reader. Starts over when the list's query (`queryKey`) changes.
 */
export function useLiveInbox(list: CursorList<InboxItem>, belongs: (item: InboxItem) => boolean, queryKey: string) {
  const [arrived, setArrived] = useState<{ pending: InboxItem[]; shown: InboxItem[] }>({ pending: [], shown: [] });
  useEffect(() => setArrived({ pending: [], shown: [] }), [queryKey]);

  useInboxItemUpdates((item) => {
    const replaceIn = (items: InboxItem[]) => items.map((existing) => (existing.id === item.id ? item : existing));
    if (list.items.some((existing) => existing.id === item.id)) return list.replace(item);
    setArrived(({ pending, shown }) => {
      if (shown.some((existing) => existing.id === item.id)) return { pending, shown: replaceIn(shown) };
      const others = pending.filter((existing) => existing.id !== item.id);
      return { pending: belongs(item) ? [item, ...others] : others, shown };
    });
  });

  const loadedIds = new Set(list.items.map((item) => item.id));
  const shown = arrived.shown.filter((item) => !loadedIds.has(item.id));
  return {
    items: [...shown, ...list.items],
    newCount: arrived.pending.length,
    showNew: () => setArrived(({ pending, shown }) => ({ pending: [], shown: [...pending, ...shown] })),
  };
}
