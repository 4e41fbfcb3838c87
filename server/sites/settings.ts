import { z } from "zod";
import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { PrismaClient } from "@server/db/client.js";

// Unit-site settings admins change at run time, kept in the Setting table.

const STALE_AFTER_DAYS_KEY = "sites.staleAfterDays";
export const DEFAULT_STALE_AFTER_DAYS = 30;
export const staleAfterDaysField = z.number().int().min(1).max(365);

/** After how many days without a published change a site counts as stale. */
export async function staleAfterDays(prisma: PrismaClient): Promise<number> {
  const row = await prisma.setting.findUnique({ where: { key: STALE_AFTER_DAYS_KEY } });
  const parsed = staleAfterDaysField.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_STALE_AFTER_DAYS;
}

export async function setStaleAfterDays(
  prisma: PrismaClient,
  { origin, days }: { origin: ActingOrigin; days: number },
): Promise<number> {
  const before = await staleAfterDays(prisma);
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: STALE_AFTER_DAYS_KEY },
      create: { key: STALE_AFTER_DAYS_KEY, value: days },
      update: { value: days },
    });
    await recordAudit(tx, origin, {
      action: "site_settings.update",
      targetType: "Setting",
      targetId: STALE_AFTER_DAYS_KEY,
      changes: { staleAfterDays: { from: before, to: days } },
    });
  });
  return days;
}
