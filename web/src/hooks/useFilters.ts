import { useState, type ChangeEvent } from "react";

/** Filters edited in a form (draft) and applied to the list on submit, so typing does not refetch. */
export function useFilters<F extends Record<string, string>>(empty: F) {
  const [draft, setDraft] = useState<F>(empty);
  const [applied, setApplied] = useState<F>(empty);
  const set = <K extends keyof F>(field: K, value: F[K]) => setDraft((current) => ({ ...current, [field]: value }));
  return {
    draft,
    applied,
    set,
    /** The draft value and change handler of one filter, to spread onto its input or select. */
    field: <K extends keyof F>(name: K) => ({
      value: draft[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(name, event.target.value as F[K]),
    }),
    apply: () => setApplied(draft),
    reset: () => {
      setDraft(empty);
      setApplied(empty);
    },
  };
}
