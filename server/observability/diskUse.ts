import fs from "node:fs/promises";
import path from "node:path";

/** Entries looked at per folder at most: a folder with more is reported as at least what was counted. */
const MAX_ENTRIES = 200_000;
/** A folder's figure is reused this long: walking a large upload folder costs seconds of disk reads. */
const CACHE_MS = 60_000;

export type FolderUse = { folder: string; bytes: number; files: number; complete: boolean; measuredAt: Date };

const cache = new Map<string, { at: number; use: Promise<FolderUse> }>();

/** What a folder of the data folder holds, from a bounded walk, measured at most once a minute. */
export function folderUse(root: string): Promise<FolderUse> {
  const cached = cache.get(root);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.use;
  const use = walk(root);
  cache.set(root, { at: Date.now(), use });
  use.catch(() => cache.delete(root));
  return use;
}

async function walk(root: string): Promise<FolderUse> {
  let bytes = 0;
  let files = 0;
  let seen = 0;
  const pending = [root];
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const dir = pending.pop()!;
    // A folder removed during the walk (an upload moved, a temporary folder gone) is skipped.
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) break;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) {
        const stat = await fs.stat(full).catch(() => null);
        if (stat) {
          bytes += stat.size;
          files++;
        }
      }
    }
  }
  return {
    folder: path.basename(root),
    bytes,
    files,
    complete: seen <= MAX_ENTRIES && pending.length === 0,
    measuredAt: new Date(),
  };
}
