import { z } from "zod";
import { recordAudit, type ActingOrigin, type Origin } from "@server/audit/record.js";
import type { PrismaClient } from "@server/db/client.js";
import { ReportingCalendar } from "@server/reports/period.js";
import { UNIT_TIME_ZONES, zoneOfRegion, type UnitTimeZone } from "./zones.js";

// The organisation's reporting time zone (the day, week and month every figure, report and
// rollup counts in) and the on-time tolerance of publishing, in the "reporting" row of the Setting
// table. The rollups' triggers read the same row (migration 20261206170000_reporting_time_zone),
// so the row is written here only. Changing the zone leaves a recount request in the
// "reporting.recount" row, which the recount job (server/reporting/recount.ts) claims.

export const REPORTING_SETTINGS_KEY = "reporting";
export const RECOUNT_REQUEST_KEY = "reporting.recount";

export const DEFAULT_REPORTING_SETTINGS = { timeZone: "Asia/Jakarta", onTimeToleranceMinutes: 5 } as const;

export const reportingSettingsFields = z
  .object({
    timeZone: z.enum(UNIT_TIME_ZONES),
    onTimeToleranceMinutes: z.number().int().min(0).max(120),
  })
  .strict();
export type ReportingSettings = z.infer<typeof reportingSettingsFields>;

type Db = Pick<PrismaClient, "setting">;

export async function reportingSettings(prisma: Db): Promise<ReportingSettings> {
  const row = await prisma.setting.findUnique({ where: { key: REPORTING_SETTINGS_KEY } });
  const parsed = reportingSettingsFields.safeParse(row?.value);
  return parsed.success ? parsed.data : { ...DEFAULT_REPORTING_SETTINGS };
}

/** Days, weeks and months of the organisation's reporting zone, with its on-time tolerance. */
export async function reportingCalendar(prisma: Db): Promise<ReportingCalendar> {
  const { timeZone, onTimeToleranceMinutes } = await reportingSettings(prisma);
  return new ReportingCalendar(timeZone, onTimeToleranceMinutes);
}

/** Whether the rollups are still being counted again after a change of zone or tolerance. */
export async function recountPending(prisma: Db): Promise<boolean> {
  return (await prisma.setting.count({ where: { key: RECOUNT_REQUEST_KEY } })) > 0;
}

/**
 * Sets the zone and tolerance, audited. A change of either makes the rollups count again: from
 * this commit on, the triggers count new changes in the new zone; the recount job redoes the rest.
 */
export async function setReportingSettings(
  prisma: PrismaClient,
  { origin, settings }: { origin: ActingOrigin | Origin; settings: ReportingSettings },
): Promise<ReportingSettings> {
  await prisma.$transaction(async (tx) => {
    // The row is locked first so that two admins' changes are audited in the order they apply.
    await tx.$executeRaw`SELECT 1 FROM "Setting" WHERE "key" = ${REPORTING_SETTINGS_KEY} FOR UPDATE`;
    const before = await reportingSettings(tx);
    if (before.timeZone === settings.timeZone && before.onTimeToleranceMinutes === settings.onTimeToleranceMinutes)
      return;
    await tx.setting.upsert({
      where: { key: REPORTING_SETTINGS_KEY },
      create: { key: REPORTING_SETTINGS_KEY, value: settings },
      update: { value: settings },
    });
    const requestedAt = new Date().toISOString();
    await tx.setting.upsert({
      where: { key: RECOUNT_REQUEST_KEY },
      create: { key: RECOUNT_REQUEST_KEY, value: { requestedAt } },
      update: { value: { requestedAt } },
    });
    await recordAudit(tx, origin, {
      action: "reporting_settings.update",
      targetType: "Setting",
      targetId: REPORTING_SETTINGS_KEY,
      changes: {
        ...(before.timeZone !== settings.timeZone
          ? { timeZone: { from: before.timeZone, to: settings.timeZone } }
          : {}),
        ...(before.onTimeToleranceMinutes !== settings.onTimeToleranceMinutes
          ? { onTimeToleranceMinutes: { from: before.onTimeToleranceMinutes, to: settings.onTimeToleranceMinutes } }
          : {}),
      },
    });
  });
  return reportingSettings(prisma);
}

/**
 * At first start with SIAR_REGION, the zone of its province (no row yet: nobody chose one). A
 * database that already holds items then counts them again in that zone.
 */
export async function settleReportingZone(prisma: PrismaClient, origin: Origin, regionCode: string | undefined) {
  if (!regionCode || (await prisma.setting.count({ where: { key: REPORTING_SETTINGS_KEY } })) > 0) return;
  const timeZone: UnitTimeZone = zoneOfRegion(regionCode);
  await setReportingSettings(prisma, { origin, settings: { ...DEFAULT_REPORTING_SETTINGS, timeZone } });
}
