import type { Role, Timezone, UnitType } from "../api/types";
import type { MessageKey } from "../i18n";

// Message keys for the server's codes, so every page names roles, unit types and zones alike.
export const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: "role.admin",
  humas: "role.humas",
  officer: "role.officer",
  leader: "role.leader",
};

export const UNIT_TYPE_LABELS: Record<UnitType, MessageKey> = {
  kabupaten: "unitType.kabupaten",
  opd: "unitType.opd",
  kecamatan: "unitType.kecamatan",
  desa: "unitType.desa",
  kelurahan: "unitType.kelurahan",
};

export const TIMEZONE_LABELS: Record<Timezone, MessageKey> = {
  "Asia/Jakarta": "timezone.wib",
  "Asia/Makassar": "timezone.wita",
  "Asia/Jayapura": "timezone.wit",
};
