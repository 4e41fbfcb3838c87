import { inflateRawSync } from "node:zlib";

// Reads the files of a ZIP archive as OpenSID sends them (a CSV and photos), in memory, with
// limits: the archive is untrusted, so sizes are checked before and while inflating.

export type ZipLimits = { maxFiles: number; maxFileBytes: number; maxTotalBytes: number };
export class ZipError extends Error {}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** Files by their name without folders (OpenSID adds photos by base name); later duplicates are ignored. */
export function readZip(archive: Buffer, limits: ZipLimits): Map<string, Buffer> {
  const end = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  if (count > limits.maxFiles) throw new ZipError("too many files in the archive");
  const files = new Map<string, Buffer>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      throw new ZipError("broken central directory");
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (size > limits.maxFileBytes || (total += size) > limits.maxTotalBytes) throw new ZipError("archive too large");
    const body = entryBody(archive, localOffset, { method, compressedSize, size });
    const baseName = name.split(/[\\/]/).pop()!;
    if (!files.has(baseName)) files.set(baseName, body);
  }
  return files;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 65_535); at--) {
    if (archive.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipError("not a ZIP archive");
}

function entryBody(
  archive: Buffer,
  localOffset: number,
  entry: { method: number; compressedSize: number; size: number },
): Buffer {
  if (localOffset + 30 > archive.length || archive.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER)
    throw new ZipError("broken file entry");
  const start = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
  const data = archive.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new ZipError("truncated archive");
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw new ZipError("unsupported compression");
  try {
    // maxOutputLength stops a small entry that claims a small size but inflates without end.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch {
    throw new ZipError("damaged file in the archive");
  }
}
