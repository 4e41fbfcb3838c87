import { useCallback, useState } from "react";

export type Action<A extends unknown[], R> = {
  run(...args: A): Promise<R | undefined>;
  busy: boolean;
  error: unknown;
  clearError(): void;
};

/** Wraps a write: tracks whether it runs and keeps its error for display instead of throwing. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      return await action(...args);
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, error, clearError: useCallback(() => setError(null), []) };
}
