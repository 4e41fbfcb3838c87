import { useEffect, useRef } from "react";

/** Single-key shortcuts (j, k, r, Enter) for the page, never while the user types in a field or uses a control. */
export function useShortcuts(keys: Record<string, () => void>) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      // Enter on a link or button is theirs; letters in a field are text.
      if (target?.closest("input, textarea, select, button, a, [contenteditable='true']")) return;
      const action = latest.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
