import { useState } from "react";

/** Filters edited in a form (draft) and applied to the list on submit, so typing does not refetch. */
export function useFilters<F extends Record<string, string>>(empty: F) {
  const [draft, setDraft] = useState<F>(empty);
  const [applied, setApplied] = useState<F>(empty);
  return {
    draft,
    applied,
    set: <K extends keyof F>(field: K, value: F[K]) => setDraft((current) => ({ ...current, [field]: value })),
    apply: () => setApplied(draft),
    reset: () => {
      setDraft(empty);
      setApplied(empty);
    },
  };
}
