import type { FileStore } from "@server/storage/fileStore.js";

/** Files looked at at most: a store with more is reported as at least what was counted. */
const MAX_ENTRIES = 200_000;
/** A store's figures are reused this long: listing a large folder or bucket costs seconds. */
const CACHE_MS = 60_000;

export type FolderUse = { folder: string; bytes: number; files: number; complete: boolean; measuredAt: Date };
/** What the file store holds, by top-level folder; `problem` when it could not be listed. */
export type StoreUse = { kind: FileStore["kind"]; location: string; folders: FolderUse[]; problem: string | null };

const cache = new WeakMap<FileStore, { at: number; use: Promise<StoreUse> }>();

/**
 * What the store holds (the data folder's upload folders, or the bucket's objects by their first
 * key segment), from a bounded listing, measured at most once a minute.
 */
export function storeUse(store: FileStore): Promise<StoreUse> {
  const cached = cache.get(store);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.use;
  const use = measure(store);
  cache.set(store, { at: Date.now(), use });
  return use;
}

async function measure(store: FileStore): Promise<StoreUse> {
  const folders = new Map<string, FolderUse>();
  const measuredAt = new Date();
  let seen = 0;
  let problem: string | null = null;
  try {
    for await (const { key, size } of store.list()) {
      if (++seen > MAX_ENTRIES) break;
      const name = key.split("/")[0]!;
      const folder = folders.get(name) ?? { folder: name, bytes: 0, files: 0, complete: true, measuredAt };
      folder.bytes += size;
      folder.files++;
      folders.set(name, folder);
    }
  } catch (error) {
    // A bucket that cannot be listed now: said so, rather than a wrong figure.
    problem = (error as Error).message;
    cache.delete(store);
  }
  const complete = seen <= MAX_ENTRIES && problem === null;
  return {
    kind: store.kind,
    location: store.location,
    folders: [...folders.values()].map((folder) => ({ ...folder, complete })),
    problem,
  };
}
