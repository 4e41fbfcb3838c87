import type { Prisma, PrismaClient } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { loadOfficeLetterhead, type Letterhead } from "@server/reports/letterhead.js";
import type { Services } from "@server/services.js";

// A request with everything its pages, PDFs and e-mails show, loaded one way.

export const ppidUnitSelect = {
  id: true,
  name: true,
  path: true,
  ppidLevel: true,
  ppidSuperiorId: true,
  timezone: true,
} as const satisfies Prisma.UnitSelect;

export const ppidCaseInclude = {
  unit: { select: ppidUnitSelect },
  forwardings: { orderBy: { at: "asc" } },
  files: { orderBy: { createdAt: "asc" } },
  survey: true,
  objections: {
    orderBy: { filedAt: "asc" },
    include: { dispute: { include: { hearings: { orderBy: { heldOn: "asc" } } } } },
  },
} as const satisfies Prisma.PpidRequestInclude;

export type PpidCase = Prisma.PpidRequestGetPayload<{ include: typeof ppidCaseInclude }>;
export type PpidCaseObjection = PpidCase["objections"][number];

type Db = Pick<PrismaClient, "ppidRequest">;

export async function loadCase(db: Db, id: string): Promise<PpidCase> {
  const found = await db.ppidRequest.findUnique({ where: { id }, include: ppidCaseInclude });
  if (!found) throw new AppError("not_found");
  return found;
}

/** What the policies are told about a case: the PPID unit holding it and its atasan. */
export function caseSubject(request: { unit: { path: string; ppidSuperiorId: string | null } }) {
  return { unitPath: request.unit.path, superiorId: request.unit.ppidSuperiorId };
}

/** The body's name and the PPID unit's, as the letters head them. */
export type Office = { name: string; place: string; letterhead: Letterhead };

/** "Pemerintah Kabupaten Sanggau" → "Sanggau": where the body's letters are signed. */
export function placeOf(officeName: string): string {
  return officeName.replace(/^(Pemerintah\s+)?(Kabupaten|Kota|Provinsi)\s+/i, "").trim() || officeName;
}

/** The body writing: its name, the place its letters are signed, its letterhead. */
export async function findOffice(services: Pick<Services, "prisma" | "config">): Promise<Office> {
  const { officeName, letterhead } = await loadOfficeLetterhead(services);
  return { name: officeName, place: placeOf(officeName), letterhead };
}

/** "PPID Utama Dinas Komunikasi dan Informatika" or "PPID Pelaksana Kecamatan Kapuas". */
export function issuerOf(unit: { name: string; ppidLevel: string | null }): string {
  if (unit.ppidLevel === "utama") return `PPID Utama — ${unit.name}`;
  if (unit.ppidLevel === "pelaksana") return `PPID Pelaksana — ${unit.name}`;
  return `PPID — ${unit.name}`;
}

/** Names of staff by id, for letters and pages that name who acted. */
export async function userNames(
  prisma: Pick<PrismaClient, "user">,
  ids: (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}
