import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { ensureVariant, parseVariantKey, variantKey, variantSizes } from "@server/media/variants.js";
import { LocalFileStore } from "@server/storage/localStore.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "siar-variants-"));
const store = new LocalFileStore({ dataDir: root, backup: { dir: path.join(root, "backups"), keep: 1 } });
const dir = path.join(root, "media");
fs.mkdirSync(dir);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("image variants", () => {
  it("makes column widths up to the original's and never larger, and every thumbnail size", () => {
    expect(variantSizes("wide", 1080)).toEqual([480, 720, 1080]);
    expect(variantSizes("wide", 1200)).toEqual([480, 720, 1080, 1200]);
    expect(variantSizes("wide", 4000)).toEqual([480, 720, 1080, 1440]);
    expect(variantSizes("wide", 300)).toEqual([300]);
    expect(variantSizes("thumb", 50)).toEqual([96, 192]);
  });

  it("names each variant after its original and reads the name back", () => {
    const key = `${"0f".repeat(16)}.png`;
    const name = variantKey(key, { preset: "thumb", size: 192, format: "avif" });
    expect(name).toBe(`${key}.t192.avif`);
    expect(parseVariantKey(name)).toEqual({ storageKey: key, variant: { preset: "thumb", size: 192, format: "avif" } });
    for (const other of [`${key}.t192.gif`, `../${key}.t192.avif`, `${key}.x192.avif`, "abc.png.w480.webp"])
      expect(parseVariantKey(other), other).toBeNull();
  });

  it("makes nothing of a file that only looks like an image", async () => {
    const key = `${"d".repeat(32)}.png`;
    const png = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#888" } })
      .png()
      .toBuffer();
    // The header (and so the size) reads fine; the pixel data is cut off.
    fs.writeFileSync(path.join(dir, key), png.subarray(0, 120));
    expect(await ensureVariant(store, key, { preset: "wide", size: 480, format: "webp" })).toBe(false);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith(`${key}.`))).toEqual([]);
  });

  it("turns a phone photo upright and drops its metadata", async () => {
    const key = `${"b".repeat(32)}.jpg`;
    // 400×200 pixels stored sideways: EXIF orientation 6 shows it 200 wide and 400 tall.
    await sharp({ create: { width: 400, height: 200, channels: 3, background: "#888" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path.join(dir, key));
    expect(await ensureVariant(store, key, { preset: "wide", size: 200, format: "webp" })).toBe(true);
    const made = await sharp(path.join(dir, `${key}.w200.webp`)).metadata();
    expect([made.width, made.height, made.orientation, made.exif]).toEqual([200, 400, undefined, undefined]);
    // 400 is the stored width, not the shown one: no such size.
    expect(await ensureVariant(store, key, { preset: "wide", size: 400, format: "webp" })).toBe(false);
  });
});
