import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Query } from "@web/api/client";
import type { Page } from "@web/api/types";

export type CursorList<T> = {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Replaces one loaded item in place (after an edit), without refetching every page. */
  replace(item: T & { id: string }): void;
};

/** A list read page by page through the API's `nextCursor`; restarts when the query changes. */
export function useCursorList<T extends { id: string }>(path: string, query: Query): CursorList<T> {
  // Compared by value, so callers may build a fresh query object on every render.
  const queryKey = JSON.stringify(query);
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  // Answers to an older query or generation are dropped, so a slow page cannot overwrite a newer list.
  const latest = useRef(0);

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const ticket = ++latest.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api.get<Page<T>>(path, { ...(JSON.parse(queryKey) as Query), cursor });
        if (ticket !== latest.current) return;
        setItems((previous) => (cursor ? [...previous, ...page.data] : page.data));
        setNextCursor(page.nextCursor);
      } catch (failure) {
        if (ticket === latest.current) setError(failure);
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    },
    [path, queryKey],
  );

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage, generation]);

  return {
    items,
    loading,
    error,
    hasMore: nextCursor !== null,
    loadMore: () => {
      if (nextCursor && !loading) void fetchPage(nextCursor);
    },
    reload: () => setGeneration((n) => n + 1),
    replace: (item) => setItems((previous) => previous.map((existing) => (existing.id === item.id ? item : existing))),
  };
}
