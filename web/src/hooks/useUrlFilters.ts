import { useEffect, useState, type ChangeEvent } from "react";
import { useSearchParams } from "react-router-dom";

/**
 * List filters kept in the URL (shareable as a link, kept on reload and by the back button):
 * edited in a draft and written to the URL on "apply", so typing does not refetch.
 * Only the filters named in `empty` are read and written; other parameters are left alone.
 */
export function useUrlFilters<F extends Record<string, string>>(empty: F) {
  const [params, setParams] = useSearchParams();
  const names = Object.keys(empty) as (keyof F & string)[];
  const applied = Object.fromEntries(names.map((name) => [name, params.get(name) ?? empty[name]])) as F;
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState<F>(applied);
  // A link followed or the back button changes the URL: the form shows what is applied.
  useEffect(() => setDraft(applied), [appliedKey]);

  const write = (filters: F) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const name of names) {
        if (filters[name] && filters[name] !== empty[name]) next.set(name, filters[name]);
        else next.delete(name);
      }
      return next;
    });
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
    apply: () => write(draft),
    /** Applies one filter at once (a sort order chosen from a select). */
    applyNow: <K extends keyof F>(name: K, value: F[K]) => write({ ...applied, [name]: value }),
    reset: () => write(empty),
    /** How many filters differ from their empty value. */
    activeCount: names.filter((name) => applied[name] !== empty[name]).length,
  };
}
