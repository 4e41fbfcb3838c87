import { VARIANT_PRESETS, type VariantFormat, variantSizes } from "@server/media/variants.js";
import { html, type SafeMarkup } from "@server/text/markup.js";

// Public pages show uploaded images through <picture>: AVIF, then WebP, then JPEG, each in the
// sizes the place on the page needs, so the browser fetches the smallest file that looks sharp.
// Width and height let it reserve the space before the file arrives.

/** An image as pages place it: its address under /media and its size as shown, when known. */
export type PageImage = { path: string; width: number | null; height: number | null };

const SOURCE_TYPES: Record<Exclude<VariantFormat, "jpg">, string> = { avif: "image/avif", webp: "image/webp" };

const variantPath = (image: PageImage, letter: string, size: number, format: VariantFormat) =>
  `${image.path}.${letter}${size}.${format}`;

/** The side of a list's thumbnail in CSS pixels, as the stylesheet's `.card img` draws it (6rem). */
const THUMBNAIL_SIDE = 96;

/** A square thumbnail as lists show it beside a title, at 1× and 2×. */
export function thumbnailImage(image: PageImage, { alt }: { alt: string }): SafeMarkup {
  const side = THUMBNAIL_SIDE;
  const { letter, sizes } = VARIANT_PRESETS.thumb;
  const [small, large] = sizes;
  const srcset = (format: VariantFormat) =>
    `${variantPath(image, letter, small, format)} 1x, ${variantPath(image, letter, large, format)} 2x`;
  return html`<picture>${sources(srcset)}<img src="${variantPath(image, letter, small, "jpg")}" srcset="${variantPath(image, letter, large, "jpg")} 2x" alt="${alt}" width="${side}" height="${side}" loading="lazy" decoding="async"></picture>`;
}

/**
 * An image across the page's column: widths up to the original's, chosen by the browser from
 * `sizes`. The first image of a page is fetched at once; later ones when scrolled near.
 */
export function columnImage(image: PageImage, { alt, sizes, first }: { alt: string; sizes: string; first: boolean }) {
  if (!image.width || !image.height)
    return html`<img src="${image.path}" alt="${alt}" loading="lazy" decoding="async">`;
  const { letter } = VARIANT_PRESETS.wide;
  const widths = variantSizes("wide", image.width);
  const srcset = (format: VariantFormat) =>
    widths.map((width) => `${variantPath(image, letter, width, format)} ${width}w`).join(", ");
  // Browsers without <picture> or srcset are rare; they get a middle size.
  const fallback = widths.filter((width) => width <= 720).at(-1) ?? widths[0]!;
  return html`<picture>${sources(srcset, sizes)}<img src="${variantPath(image, letter, fallback, "jpg")}" srcset="${srcset("jpg")}" sizes="${sizes}" alt="${alt}" width="${image.width}" height="${image.height}"${first ? html` fetchpriority="high"` : html` loading="lazy"`} decoding="async"></picture>`;
}

function sources(srcset: (format: VariantFormat) => string, sizes?: string): SafeMarkup[] {
  return (Object.keys(SOURCE_TYPES) as (keyof typeof SOURCE_TYPES)[]).map(
    (format) =>
      html`<source type="${SOURCE_TYPES[format]}" srcset="${srcset(format)}"${sizes && html` sizes="${sizes}"`}>`,
  );
}
