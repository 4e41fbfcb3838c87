import { randomBytes } from "node:crypto";
import { recordAudit, type Origin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { mediaKey } from "@server/media/storage.js";
import {
  LETTERHEAD_KEY,
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  letterheadSettings,
  looksLikeLogo,
  type LetterheadSettings,
  type LogoType,
} from "@server/reports/letterhead.js";
import type { Services } from "@server/services.js";
import { fileStore, putAhead } from "@server/storage/fileStore.js";

// Admins set the office's letterhead: its address and contact lines, and its logo. Each change is
// one transaction with its audit event; a replaced logo's file is removed once the new one is kept.

type LetterheadServices = Pick<Services, "prisma" | "config">;

async function save(
  services: LetterheadServices,
  origin: Origin,
  change: Partial<LetterheadSettings>,
  action: string,
): Promise<{ before: LetterheadSettings; after: LetterheadSettings }> {
  return services.prisma.$transaction(async (tx) => {
    const before = await letterheadSettings(tx);
    const after = { ...before, ...change };
    await tx.setting.upsert({
      where: { key: LETTERHEAD_KEY },
      create: { key: LETTERHEAD_KEY, value: after as Prisma.InputJsonObject },
      update: { value: after as Prisma.InputJsonObject },
    });
    await recordAudit(tx, origin, {
      action,
      targetType: "Setting",
      targetId: LETTERHEAD_KEY,
      changes: { from: before, to: after },
    });
    return { before, after };
  });
}

async function removeFile(services: LetterheadServices, key: string | null) {
  if (key) await fileStore(services.config).delete(mediaKey(key));
}

export async function updateLetterheadText(
  services: LetterheadServices,
  { origin, address, contact }: { origin: Origin; address: string; contact: string },
): Promise<LetterheadSettings> {
  return (await save(services, origin, { address, contact }, "letterhead.update")).after;
}

/** Checks the logo's type and size by its bytes, stores it under a random name, and uses it. */
export async function setLetterheadLogo(
  services: LetterheadServices,
  { origin, mimeType, body }: { origin: Origin; mimeType: string; body: Buffer },
): Promise<LetterheadSettings> {
  const type = mimeType as LogoType;
  if (!(type in LOGO_TYPES) || body.length > LOGO_MAX_BYTES || !looksLikeLogo(type, body))
    throw new AppError("unsupported_logo_file", { field: "file" });
  const logoKey = `${randomBytes(16).toString("hex")}.${LOGO_TYPES[type]}`;
  const discard = await putAhead(fileStore(services.config), mediaKey(logoKey), body, type);
  let saved: Awaited<ReturnType<typeof save>>;
  try {
    saved = await save(services, origin, { logoKey }, "letterhead.logo_set");
  } catch (error) {
    await discard();
    throw error;
  }
  await removeFile(services, saved.before.logoKey);
  return saved.after;
}

export async function removeLetterheadLogo(
  services: LetterheadServices,
  { origin }: { origin: Origin },
): Promise<LetterheadSettings> {
  const { before, after } = await save(services, origin, { logoKey: null }, "letterhead.logo_remove");
  await removeFile(services, before.logoKey);
  return after;
}
