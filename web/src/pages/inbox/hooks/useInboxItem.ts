import { useEffect, useState } from "react";
import type { InboxItem } from "@web/api/types";
import { useLoad } from "@web/hooks/useLoad";
import { inboxApi } from "@web/pages/inbox/api";
import { useInboxItemUpdates } from "./inboxSocket";

/**
 * One item with its thread, post and timeline. A change (ours, answered by the action, or
 * someone else's, from the socket) shows at once and reloads the detail for the new timeline.
 */
export function useInboxItem(id: string) {
  const detail = useLoad(() => inboxApi.item(id), [id]);
  const [adopted, setAdopted] = useState<InboxItem>();
  useEffect(() => setAdopted(undefined), [detail.data]);
  const { reload } = detail;

  const adopt = (item: InboxItem) => {
    setAdopted(item);
    reload();
  };
  useInboxItemUpdates((item) => {
    if (item.id === id) adopt(item);
  });

  /** A write to the item (reply, note, assign, status, triage, merge) whose answer is the changed item. */
  const write = async (call: (itemId: string) => Promise<InboxItem>) => {
    const item = await call(id);
    adopt(item);
    return item;
  };

  return { detail, item: adopted ?? detail.data?.item, write };
}

/** Writes to the open item; each panel wraps it in its own useAction, so errors show where they happened. */
export type ItemWrite = ReturnType<typeof useInboxItem>["write"];
