// The shapes the API returns (see server/presenters). Dates are ISO strings.

export type Locale = "id" | "en";
export type Role = "admin" | "humas" | "officer" | "leader";
export type UnitType = "kabupaten" | "opd" | "kecamatan" | "desa" | "kelurahan";
export type Timezone = "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";

export const ROLES: readonly Role[] = ["admin", "humas", "officer", "leader"];
export const UNIT_TYPES: readonly UnitType[] = ["kabupaten", "opd", "kecamatan", "desa", "kelurahan"];
export const TIMEZONES: readonly Timezone[] = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"];

export type UnitRef = { id: string; name: string; type: UnitType };

export type Abilities = {
  compose: boolean;
  approvePosts: boolean;
  calendar: boolean;
  inbox: boolean;
  dashboard: boolean;
  manageUnits: boolean;
  manageUsers: boolean;
  readAuditLog: boolean;
  seesAllUnits: boolean;
  controlSandbox: boolean;
};

export type Session = {
  /** Facts about this installation: in demo mode the channels are simulated locally. */
  instance: { simulatedChannels: boolean };
  user: { id: string; email: string; name: string; role: Role; locale: Locale; mustChangePassword: boolean; units: UnitRef[] };
  abilities: Abilities;
  csrfToken: string | null;
};

export type Unit = {
  id: string;
  name: string;
  type: UnitType;
  code: string | null;
  parentId: string | null;
  depth: number;
  timezone: Timezone;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  units: UnitRef[];
};

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export type AuditEvent = {
  id: string;
  at: string;
  actor: { id: string | null; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  unit: { id: string; name: string | null } | null;
  changes: unknown;
  ip: string | null;
  requestId: string | null;
};

export type Page<T> = { data: T[]; nextCursor: string | null };
