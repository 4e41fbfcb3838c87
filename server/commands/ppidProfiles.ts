import { changedFields, recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { PpidProfile } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

export type PpidProfileInput = {
  about: string;
  requestProcedure: string;
  objectionProcedure: string;
  serviceStandard: string;
  serviceHours: string;
  address: string;
  phone?: string | null;
  email?: string | null;
};

/** Writes a PPID unit's public profile whole (made the first time), with its audit record. */
export async function savePpidProfile(
  services: Services,
  { origin, unitId, profile }: { origin: ActingOrigin; unitId: string; profile: PpidProfileInput },
): Promise<PpidProfile> {
  const saved = await services.prisma.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: unitId }, include: { ppidProfile: true } });
    if (!unit) throw new AppError("not_found");
    if (!unit.ppidLevel) throw new AppError("not_a_ppid_unit", { field: "unitId" });
    const data = { ...profile, phone: profile.phone ?? null, email: profile.email ?? null };
    const saved = await tx.ppidProfile.upsert({ where: { unitId }, create: { unitId, ...data }, update: data });
    await recordAudit(tx, origin, {
      action: unit.ppidProfile ? "ppid_profile.update" : "ppid_profile.create",
      targetType: "PpidProfile",
      targetId: unitId,
      unitId,
      changes: unit.ppidProfile ? changedFields(unit.ppidProfile, data) : data,
    });
    return saved;
  });
  services.events.emit("ppid.changed", { unitId });
  return saved;
}
