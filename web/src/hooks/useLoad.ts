import { useCallback, useEffect, useState } from "react";

export type Loaded<T> = { data: T | undefined; error: unknown; loading: boolean; reload(): void };

/** Runs a read when the component mounts (and when `deps` change); `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    load()
      .then((result) => current && setData(result))
      .catch((failure: unknown) => current && setError(failure))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
    // The caller names what the read depends on; `load` itself is a fresh closure each render.
  }, [...deps, generation]);

  return { data, error, loading, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
