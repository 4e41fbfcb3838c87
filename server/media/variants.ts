import pLimit from "p-limit";
import sharp, { type Metadata } from "sharp";
import { type FileStore, storeKey } from "@server/storage/fileStore.js";

// Smaller copies of uploaded images in the sizes and formats the public pages use, so a 96-pixel
// thumbnail is not a 1080-pixel PNG. Each copy's name derives from the original's storage key
// and never changes meaning, so it is served with immutable caching beside the original (which
// stays as it is: Instagram and link previews fetch it). Copies are made in the background after
// an upload, and for older images on their first request.

/** Where an image appears on a public page, and the widths (CSS pixels × 1 and 2) it needs there. */
export const VARIANT_PRESETS = {
  /** The square thumbnail beside a title in a list: 6rem, at 1× and 2×. */
  thumb: { letter: "t", sizes: [96, 192], square: true },
  /** An image across the page's column (44rem at most), for phones to 2× screens. */
  wide: { letter: "w", sizes: [480, 720, 1080, 1440], square: false },
} as const;
export type VariantPreset = keyof typeof VARIANT_PRESETS;

/** AVIF and WebP for every browser of the last years; JPEG for the rest, made only when asked for. */
export const VARIANT_FORMATS = ["avif", "webp", "jpg"] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];
const MADE_AT_UPLOAD: readonly VariantFormat[] = ["avif", "webp"];

export type Variant = { preset: VariantPreset; size: number; format: VariantFormat };

// A phone photo has about 12-50 million pixels; a small file claiming far more is a decompression bomb.
const MAX_INPUT_PIXELS = 100_000_000;
/** An original's key as storeUpload names it: random hex and the image's extension. */
const ORIGINAL_KEY = /^[0-9a-f]{32}\.(?:jpg|png|webp)$/;
const VARIANT_NAME = /^([0-9a-f]{32}\.(?:jpg|png|webp))\.([tw])(\d{2,4})\.(avif|webp|jpg)$/;

/** "k.png" + thumb 96 avif → "k.png.t96.avif". */
export function variantKey(storageKey: string, { preset, size, format }: Variant): string {
  return `${storageKey}.${VARIANT_PRESETS[preset].letter}${size}.${format}`;
}

/** The original's key and the variant a file name asks for, or null when it names none. */
export function parseVariantKey(name: string): { storageKey: string; variant: Variant } | null {
  const match = VARIANT_NAME.exec(name);
  if (!match) return null;
  const preset = match[2] === "t" ? "thumb" : "wide";
  return {
    storageKey: match[1]!,
    variant: { preset, size: Number(match[3]), format: match[4] as VariantFormat },
  };
}

/**
 * The sizes made of an image `width` pixels wide: every thumbnail size (cropped square, small
 * images enlarged), and the column widths below the original's plus the original's own, up to
 * the largest column width.
 */
export function variantSizes(preset: VariantPreset, width: number): number[] {
  const { sizes, square } = VARIANT_PRESETS[preset];
  if (square) return [...sizes];
  const largest = sizes.at(-1)!;
  const below = sizes.filter((size) => size < width);
  return width <= largest ? [...below, width] : [...sizes];
}

/** Width and height as shown, after the EXIF rotation phones record. */
export function orientedSize(metadata: Pick<Metadata, "width" | "height" | "orientation">): {
  width: number;
  height: number;
} {
  const rotated = (metadata.orientation ?? 1) >= 5;
  return rotated
    ? { width: metadata.height ?? 0, height: metadata.width ?? 0 }
    : { width: metadata.width ?? 0, height: metadata.height ?? 0 };
}

/** One variant's pixels: rotated upright, resized, metadata (and any GPS position) dropped. */
function encode(original: Buffer, { preset, size, format }: Variant): Promise<Buffer> {
  let image = sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
  image = VARIANT_PRESETS[preset].square
    ? image.resize(size, size, { fit: "cover" })
    : image.resize({ width: size, withoutEnlargement: true });
  // Effort 2: a third of the default's encoding time for a file a few percent larger.
  if (format === "avif") return image.avif({ quality: 55, effort: 2 }).toBuffer();
  if (format === "webp") return image.webp({ quality: 78 }).toBuffer();
  return image.flatten({ background: "#ffffff" }).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
}

// Encoding is CPU work: at most this many at once, so a burst of uploads does not starve requests.
const encoding = pLimit(1);
/** Variants being made, by key: a second request for the same one waits for the first. */
const underway = new Map<string, Promise<boolean>>();

/**
 * Makes one variant of a public image in the store unless it exists; false when the original is
 * missing, unreadable or does not come in that size. The store writes it whole, so a reader (or
 * another process sharing the store) never sees half a file. `original`: the original's bytes,
 * when the caller has them (just uploaded), else they are read from the store.
 */
export async function ensureVariant(
  store: FileStore,
  storageKey: string,
  variant: Variant,
  given?: Buffer,
): Promise<boolean> {
  if (!ORIGINAL_KEY.test(storageKey)) return false;
  const target = storeKey("media", variantKey(storageKey, variant));
  const pending = underway.get(target);
  if (pending) return pending;
  if (await store.head(target)) return true;
  const made = encoding(async () => {
    if (await store.head(target)) return true;
    const original = given ?? (await store.get(storeKey("media", storageKey)));
    if (!original) return false;
    const metadata = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS })
      .metadata()
      .catch(() => null);
    if (!metadata?.width || !variantSizes(variant.preset, orientedSize(metadata).width).includes(variant.size))
      return false;
    // A file sharp cannot decode has no variants; its page shows a broken image, as the original would.
    const pixels = await encode(original, variant).catch(() => null);
    if (!pixels) return false;
    await store.put(target, pixels, `image/${variant.format === "jpg" ? "jpeg" : variant.format}`);
    return true;
  }).finally(() => underway.delete(target));
  underway.set(target, made);
  return made;
}

/** Every AVIF and WebP variant of an image `width` pixels wide (JPEG ones are made when first asked for). */
export async function makeVariants(
  store: FileStore,
  storageKey: string,
  width: number,
  original: Buffer,
): Promise<void> {
  for (const preset of Object.keys(VARIANT_PRESETS) as VariantPreset[])
    for (const size of variantSizes(preset, width))
      for (const format of MADE_AT_UPLOAD) await ensureVariant(store, storageKey, { preset, size, format }, original);
}
