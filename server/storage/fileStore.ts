import type { Readable } from "node:stream";
import type { Config } from "@server/config.js";
import { LocalFileStore } from "./localStore.js";
import { S3FileStore } from "./s3Store.js";

// Every file Siar keeps besides its database (media, citizens' photos and files, PPID and DIP
// documents, the letterhead's logo) goes through one store: the data folder (the default) or an
// S3-compatible bucket (SIAR_STORAGE=s3), so that several processes can share them. A key is the
// file's path under the data folder, such as "media/<random>.jpg", the same in both stores: a
// backup made from one restores into the other.

export type StoredObject = { size: number; lastModified: Date; etag: string };
export type ByteRange = { start: number; end: number };

export interface FileStore {
  readonly kind: "local" | "s3";
  /** Where the files are, for the system health page: a folder or s3://bucket. */
  readonly location: string;
  /** Makes sure the store can be used (a bucket reachable with these credentials, created when absent). */
  open(): Promise<void>;
  /** Writes a whole file; a reader sees the old file or the new one, never half of one. */
  put(key: string, body: Buffer, contentType?: string): Promise<void>;
  /** The whole file, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** The file (or the bytes of `range`, inclusive) as a stream, or null when there is none. */
  stream(key: string, range?: ByteRange): Promise<Readable | null>;
  head(key: string): Promise<StoredObject | null>;
  /** Removes a file; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
  /** Every file whose key starts with `prefix`, in no promised order. */
  list(prefix?: string): AsyncIterable<{ key: string; size: number }>;
}

/** The store refused or could not be reached: the message says what to check. */
export class FileStoreError extends Error {
  override name = "FileStoreError";
  constructor(
    message: string,
    /** The store's own error code, such as SignatureDoesNotMatch, when it gave one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Refuses a key that could leave the store's folder ("..", absolute paths, odd characters). */
export function checkedKey(key: string): string {
  if (!KEY.test(key) || key.split("/").includes("..")) throw new FileStoreError(`not a storage key: ${key}`);
  return key;
}

/** A file's key in one of the stores' folders: ("media", "abc.jpg") → "media/abc.jpg". */
export function storeKey(folder: string, name: string): string {
  return checkedKey(`${folder}/${name}`);
}

const stores = new WeakMap<Config, FileStore>();

/** The store this configuration names; one per configuration, so its S3 client and connections are shared. */
export function fileStore(config: Config): FileStore {
  let store = stores.get(config);
  if (!store) {
    store = config.storage.kind === "s3" ? new S3FileStore(config.storage) : new LocalFileStore(config);
    stores.set(config, store);
  }
  return store;
}

/**
 * Writes a file ahead of the transaction that records it and returns how to remove it again when
 * that transaction fails, so that no file stays without a record to find or delete it by. A
 * removal that fails leaves an unreferenced file rather than hiding the transaction's own error.
 */
export async function putAhead(
  store: FileStore,
  key: string,
  body: Buffer,
  contentType?: string,
): Promise<() => Promise<void>> {
  await store.put(key, body, contentType);
  return () => store.delete(key).catch(() => undefined);
}
