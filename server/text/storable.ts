/**
 * Text PostgreSQL can store: it refuses NUL in text and jsonb, and a lone UTF-16 surrogate is not
 * Unicode at all (jsonb refuses its escape; UTF-8 cannot encode it).
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** The same text made storable: NUL removed, each lone surrogate replaced by U+FFFD. */
export function storableText(value: string): string {
  return value.replaceAll("\u0000", "").toWellFormed();
}

/** The path ("body.items.2.text") of the first string or key in a value that is not storable, or null. */
export function findUnstorableText(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path.join(".") || "(text)";
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) {
      const found = findUnstorableText(element, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, element] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, "(key)"].join(".");
      const found = findUnstorableText(element, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
