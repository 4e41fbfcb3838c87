import { STAFF_APP_BASE } from "@server/config.js";
import { Prisma } from "@server/db/client.js";
import type { DipClass } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { PUBLIC_DIP_CLASSES } from "./dip/codes.js";
import { DIP_PATH, EXCEPTED_DIP_PATH, ppidProfilePath } from "./dip/paths.js";
import { effectiveClassSql, exceptedNowSql } from "./dip/visibility.js";

// The DIP's part of the PPID self-assessment (the questions the Komisi Informasi's yearly
// monitoring asks), answered from what Siar holds, each with the live public page that shows it
// and where staff fix it. For the PPID Utama the DIP is the whole body's; for a PPID Pelaksana,
// its unit's and the units' below it (a kecamatan's desa bodies included).

export const DIP_OBLIGATIONS = [
  /** At least one entry on the public list. */
  "dip_published",
  /** The list changed within `currentWithinMonths`. */
  "dip_current",
  /** Every public entry has each column of the DIP (summary, official, when made, form, retention). */
  "dip_columns_complete",
  "class_berkala",
  "class_serta_merta",
  "class_setiap_saat",
  /**
   * An excepted list exists and each of its entries has its consequence test (text or document).
   * No excepted entry at all is "not met": the monitoring asks for the list and its tests.
   */
  "excepted_list_with_tests",
  "service_hours_published",
  "contact_published",
  "profile_page",
] as const;
export type DipObligationCode = (typeof DIP_OBLIGATIONS)[number];

export type DipObligation = {
  code: DipObligationCode;
  met: boolean;
  /** The live public pages that show it, as absolute URLs. */
  evidence: string[];
  /** Where staff make it right, in the staff app (absolute URL). */
  fix: string;
  /** What the answer rests on: counts, the last change, the entries that lack a column. */
  details: Record<string, unknown>;
};

export type DipCompliance = {
  unit: { id: string; name: string; code: string | null; ppidLevel: "utama" | "pelaksana" };
  /** body: the PPID Utama answers for every unit's DIP; unit: the unit and those below it. */
  scope: "body" | "unit";
  obligations: DipObligation[];
};

/** Entries listed by name when columns are missing, so the page can link to each. */
const LISTED_INCOMPLETE = 20;

type Figures = {
  public: bigint;
  excepted: bigint;
  exceptedWithoutTest: bigint;
  incomplete: bigint;
  lastChange: Date | null;
} & Record<`class_${DipClass}`, bigint>;

/** Which DIP obligations the PPID of `unitId` meets now, with the evidence of each. */
export async function dipCompliance(
  services: Pick<Services, "prisma" | "config">,
  { unitId, now = new Date(), currentWithinMonths = 6 }: { unitId: string; now?: Date; currentWithinMonths?: number },
): Promise<DipCompliance> {
  const { prisma, config } = services;
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, include: { ppidProfile: true } });
  if (!unit?.ppidLevel) throw new AppError("not_a_ppid_unit", { field: "unitId" });
  const bodyWide = unit.ppidLevel === "utama";
  const scope = bodyWide ? Prisma.sql`TRUE` : Prisma.sql`u."path" LIKE ${`${unit.path}%`}`;
  const excepted = exceptedNowSql(now);
  const complete = Prisma.sql`(i."madeOn" IS NOT NULL AND cardinality(i."formats") > 0 AND btrim(i."summary") <> ''
    AND btrim(i."responsibleOfficial") <> '' AND btrim(i."retention") <> '')`;
  const from = Prisma.sql`FROM "DipItem" i JOIN "Unit" u ON u."id" = i."unitId" WHERE i."status" = 'published' AND ${scope}`;
  const [figures] = await prisma.$queryRaw<Figures[]>(Prisma.sql`
    SELECT
      count(*) FILTER (WHERE NOT ${excepted}) AS "public",
      ${Prisma.join(
        PUBLIC_DIP_CLASSES.map(
          (dipClass) =>
            Prisma.sql`count(*) FILTER (WHERE ${effectiveClassSql(dipClass, now)}) AS ${Prisma.raw(`"class_${dipClass}"`)}`,
        ),
      )},
      count(*) FILTER (WHERE ${excepted}) AS "excepted",
      count(*) FILTER (WHERE ${excepted} AND coalesce(btrim(i."consequenceTest"), '') = '' AND NOT EXISTS (
        SELECT 1 FROM "DipFile" f WHERE f."itemId" = i."id" AND f."purpose" = 'consequence_test' AND f."removedAt" IS NULL
      )) AS "exceptedWithoutTest",
      count(*) FILTER (WHERE NOT ${excepted} AND NOT ${complete}) AS "incomplete",
      max(i."updatedAt") AS "lastChange"
    ${from}`);
  const incompleteEntries = await prisma.$queryRaw<{ id: string; title: string }[]>(Prisma.sql`
    SELECT i."id", i."title" ${from} AND NOT ${excepted} AND NOT ${complete}
    ORDER BY i."updatedAt" DESC LIMIT ${LISTED_INCOMPLETE}`);

  const base = config.publicBaseUrl;
  const staff = (path: string) => `${base}${STAFF_APP_BASE}${path}`;
  const unitFilter: Record<string, string> = bodyWide ? {} : { unit: unit.code ?? unit.id };
  const publicUrl = (path: string, query: Record<string, string> = {}) => {
    const search = new URLSearchParams({ ...unitFilter, ...query }).toString();
    return `${base}${path}${search ? `?${search}` : ""}`;
  };
  const count = (value: bigint | undefined) => Number(value ?? 0);
  const f = figures!;
  const profile = unit.ppidProfile;
  const profileUrl = base + ppidProfilePath(unit);
  const profileFix = staff(`/ppid/profiles/${unit.id}`);
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - currentWithinMonths);
  const lastChange = f.lastChange;

  const obligation = (
    code: DipObligationCode,
    met: boolean,
    evidence: string[],
    fix: string,
    details: Record<string, unknown> = {},
  ): DipObligation => ({ code, met, evidence, fix, details });

  return {
    unit: { id: unit.id, name: unit.name, code: unit.code, ppidLevel: unit.ppidLevel },
    scope: bodyWide ? "body" : "unit",
    obligations: [
      obligation("dip_published", count(f.public) > 0, [publicUrl(DIP_PATH)], staff("/ppid/dip/new"), {
        publicEntries: count(f.public),
      }),
      obligation("dip_current", !!lastChange && lastChange >= cutoff, [publicUrl(DIP_PATH)], staff("/ppid/dip"), {
        lastChange: lastChange?.toISOString() ?? null,
        withinMonths: currentWithinMonths,
      }),
      obligation(
        "dip_columns_complete",
        count(f.public) > 0 && count(f.incomplete) === 0,
        [publicUrl(DIP_PATH)],
        staff("/ppid/dip"),
        {
          incomplete: count(f.incomplete),
          entries: incompleteEntries.map((entry) => ({ ...entry, fix: staff(`/ppid/dip/${entry.id}`) })),
        },
      ),
      ...PUBLIC_DIP_CLASSES.map((dipClass) =>
        obligation(
          `class_${dipClass}`,
          count(f[`class_${dipClass}`]) > 0,
          [publicUrl(DIP_PATH, { kelas: dipClass })],
          staff("/ppid/dip/new"),
          { entries: count(f[`class_${dipClass}`]) },
        ),
      ),
      obligation(
        "excepted_list_with_tests",
        count(f.excepted) > 0 && count(f.exceptedWithoutTest) === 0,
        [publicUrl(EXCEPTED_DIP_PATH)],
        staff("/ppid/dip"),
        { excepted: count(f.excepted), withoutConsequenceTest: count(f.exceptedWithoutTest) },
      ),
      obligation("service_hours_published", !!profile?.serviceHours.trim(), [profileUrl], profileFix),
      obligation(
        "contact_published",
        !!profile?.address.trim() && !!(profile.phone || profile.email),
        [profileUrl],
        profileFix,
      ),
      obligation("profile_page", !!profile?.about.trim(), [profileUrl], profileFix),
    ],
  };
}
