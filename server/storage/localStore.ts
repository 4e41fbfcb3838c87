import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Config } from "@server/config.js";
import { type ByteRange, checkedKey, type FileStore, type StoredObject } from "./fileStore.js";

/** What in SIAR_DATA_DIR is not a stored file: the embedded database, the secrets, and backups. */
const NOT_STORED = new Set(["db", "secrets.json", "first-admin-password.txt", "backups"]);

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/** Files in the data folder, at the paths Siar has always kept them at. */
export class LocalFileStore implements FileStore {
  readonly kind = "local";
  readonly location: string;
  private readonly root: string;
  private readonly backupDir: string;

  constructor(config: Pick<Config, "dataDir" | "backup">) {
    this.root = config.dataDir;
    this.location = config.dataDir;
    this.backupDir = path.resolve(config.backup.dir);
  }

  private file(key: string): string {
    return path.join(this.root, checkedKey(key));
  }

  async open(): Promise<void> {}

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.file(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed: a reader, a backup's hard link or another process never sees half a file.
    const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await fs.promises.writeFile(temporary, body);
    await fs.promises.rename(temporary, file);
  }

  async get(key: string): Promise<Buffer | null> {
    return fs.promises.readFile(this.file(key)).catch((error: unknown) => {
      if (missing(error)) return null;
      throw error;
    });
  }

  async stream(key: string, range?: ByteRange): Promise<Readable | null> {
    const handle = await fs.promises.open(this.file(key)).catch((error: unknown) => {
      if (missing(error)) return null;
      throw error;
    });
    return handle?.createReadStream(range ? { start: range.start, end: range.end } : {}) ?? null;
  }

  async head(key: string): Promise<StoredObject | null> {
    const stat = await fs.promises.stat(this.file(key)).catch((error: unknown) => {
      if (missing(error)) return null;
      throw error;
    });
    if (!stat?.isFile()) return null;
    // The weak validator express.static gives the same file, so browsers' cached copies stay valid.
    return {
      size: stat.size,
      lastModified: stat.mtime,
      etag: `W/"${stat.size.toString(16)}-${stat.mtime.getTime().toString(16)}"`,
    };
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }

  async *list(prefix = ""): AsyncIterable<{ key: string; size: number }> {
    const top = await fs.promises.readdir(this.root, { withFileTypes: true }).catch(() => []);
    // Only the top-level folder the prefix names is walked ("media/" walks media/ alone).
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.indexOf("/")) : null;
    const pending = top
      .filter((entry) => this.isStored(entry.name) && (folder === null || entry.name === folder))
      .map((entry) => path.join(this.root, entry.name))
      .reverse();
    while (pending.length > 0) {
      const full = pending.pop()!;
      const stat = await fs.promises.stat(full).catch(() => null);
      const key = path.relative(this.root, full).split(path.sep).join("/");
      if (stat?.isDirectory()) {
        // A folder removed meanwhile (a restore, a test cleaning up) is skipped.
        const entries = await fs.promises.readdir(full).catch(() => []);
        pending.push(...entries.filter((name) => !name.startsWith(".")).map((name) => path.join(full, name)));
      } else if (stat?.isFile() && !key.endsWith(".tmp") && key.startsWith(prefix)) {
        yield { key, size: stat.size };
      }
    }
  }

  /** Whether a top-level entry of the data folder holds stored files (not the database, secrets or backups). */
  private isStored(name: string): boolean {
    return !NOT_STORED.has(name) && !name.startsWith(".") && path.resolve(this.root, name) !== this.backupDir;
  }
}
