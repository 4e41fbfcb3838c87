/**
 * Remembers the results of a pure function of a string (a token's expansion, the patterns a
 * token can start): citizens reuse a small vocabulary, so triage mostly looks results up. Once
 * full it starts over, so unusual input cannot grow it without bound.
 */
export function memoized<T>(compute: (key: string) => T, capacity = 50_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    if (known.size >= capacity) known.clear();
    known.set(key, value);
    return value;
  };
}
