import { z } from "zod";
import type { PrismaClient } from "@server/db/client.js";
import { mediaKey } from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import { fileStore } from "@server/storage/fileStore.js";
import { pdfText } from "./pdfText.js";

// The office's letterhead (kop surat) on every PDF it hands on: reports, registers, the PPID's
// letters. Admins set the address lines and the logo; the logo is stored beside the media.

export const LETTERHEAD_KEY = "organisation.letterhead";
export const LOGO_MAX_BYTES = 512 * 1024;
/** pdfkit draws PNG and JPEG; the extension each is stored under. */
export const LOGO_TYPES = { "image/png": "png", "image/jpeg": "jpg" } as const;
export type LogoType = keyof typeof LOGO_TYPES;

export const letterheadText = z.object({
  /** "Jl. Jenderal Sudirman No. 1, Sanggau 78511". */
  address: z.string().trim().max(300),
  /** Telephone, e-mail, website: "Telp. (0564) 21001 · kominfo@sanggau.go.id". */
  contact: z.string().trim().max(200),
});
const storedLetterhead = letterheadText.extend({
  logoKey: z
    .string()
    .regex(/^[0-9a-f]{32}\.(png|jpg)$/)
    .nullable(),
});
export type LetterheadSettings = z.output<typeof storedLetterhead>;
export type Letterhead = { address: string; contact: string; logo: Buffer | null };

const EMPTY: LetterheadSettings = { address: "", contact: "", logoKey: null };

export async function letterheadSettings(prisma: Pick<PrismaClient, "setting">): Promise<LetterheadSettings> {
  const row = await prisma.setting.findUnique({ where: { key: LETTERHEAD_KEY } });
  const parsed = storedLetterhead.safeParse(row?.value);
  return parsed.success ? parsed.data : EMPTY;
}

/** The letterhead with its logo's bytes, for a PDF; a logo file gone missing is left out. */
export async function loadLetterhead(services: Pick<Services, "prisma" | "config">): Promise<Letterhead> {
  const { address, contact, logoKey } = await letterheadSettings(services.prisma);
  let logo: Buffer | null = null;
  // A store that cannot be read now prints the letter without its logo rather than not at all.
  if (logoKey)
    logo = await fileStore(services.config)
      .get(mediaKey(logoKey))
      .catch(() => null);
  return { address, contact, logo };
}

/** Whether the bytes are the image the type claims (the upload is untrusted). */
export function looksLikeLogo(type: LogoType, body: Buffer): boolean {
  if (type === "image/png") return body.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  return body.length > 3 && body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff;
}

const LOGO_HEIGHT = 56;

/**
 * Draws the letterhead at the top of the current page: the logo on the left, the body's name,
 * address and contact centred, a double rule below. Leaves `doc.y` under it.
 */
export function drawLetterhead(
  doc: PDFKit.PDFDocument,
  { officeName, letterhead }: { officeName: string; letterhead: Letterhead },
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  const indent = letterhead.logo ? LOGO_HEIGHT + 10 : 0;
  if (letterhead.logo) {
    try {
      doc.image(letterhead.logo, left, top, { fit: [LOGO_HEIGHT, LOGO_HEIGHT] });
    } catch {
      // A logo pdfkit cannot read (checked on upload, so only a damaged file) is left out.
    }
  }
  const textWidth = width - indent * 2;
  doc.font("Helvetica-Bold").fontSize(14).fillColor("black");
  doc.text(pdfText(officeName.toUpperCase()), left + indent, top, { width: textWidth, align: "center" });
  doc.font("Helvetica").fontSize(9.5);
  for (const line of [letterhead.address, letterhead.contact].filter(Boolean))
    doc.text(pdfText(line), left + indent, doc.y, { width: textWidth, align: "center" });
  const y = Math.max(doc.y, letterhead.logo ? top + LOGO_HEIGHT : 0) + 5;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(2)
    .strokeColor("black")
    .stroke();
  doc
    .moveTo(left, y + 3)
    .lineTo(left + width, y + 3)
    .lineWidth(0.6)
    .stroke();
  doc.x = left;
  doc.y = y + 12;
}

export type OfficeLetterhead = { officeName: string; letterhead: Letterhead };

/** The body's name (the root unit's, else the configured one) and its letterhead. */
export async function loadOfficeLetterhead(services: Pick<Services, "prisma" | "config">): Promise<OfficeLetterhead> {
  const [root, letterhead] = await Promise.all([
    services.prisma.unit.findFirst({
      where: { parentId: null },
      orderBy: { createdAt: "asc" },
      select: { name: true },
    }),
    loadLetterhead(services),
  ]);
  return { officeName: root?.name ?? services.config.organisationName, letterhead };
}
