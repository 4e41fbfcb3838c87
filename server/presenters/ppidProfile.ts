import type { PpidProfile } from "@server/db/generated/client.js";
import type { PpidLevel } from "@server/db/generated/enums.js";
import { ppidProfilePath } from "@server/ppid/dip/paths.js";
import type { Services } from "@server/services.js";

type PpidUnit = { id: string; name: string; code: string | null; ppidLevel: PpidLevel | null };

/** A PPID unit with its public profile (null until written) and where the public reads it. */
export function presentPpidProfile(services: Pick<Services, "config">, unit: PpidUnit, profile: PpidProfile | null) {
  return {
    unit: { id: unit.id, name: unit.name, code: unit.code, ppidLevel: unit.ppidLevel },
    publicUrl: services.config.publicBaseUrl + ppidProfilePath(unit),
    profile: profile && {
      about: profile.about,
      requestProcedure: profile.requestProcedure,
      objectionProcedure: profile.objectionProcedure,
      serviceStandard: profile.serviceStandard,
      serviceHours: profile.serviceHours,
      address: profile.address,
      phone: profile.phone,
      email: profile.email,
      updatedAt: profile.updatedAt.toISOString(),
    },
  };
}
