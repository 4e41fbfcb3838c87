/**
 * Indonesia's administrative areas with their Kemendagri codes, from the `idn-area-data` package
 * (its CSV files ship inside the package: nothing is downloaded). A kabupaten/kota ("61.03")
 * has kecamatan ("61.03.01"), which have desa ("61.03.01.2014") and kelurahan ("61.03.01.1005"):
 * the first digit of a village's last part says which.
 */
import { getDistricts, getProvinces, getRegencies, getVillages } from "idn-area-data";
import { type AreaType, areaUnitName, regencyUnitName, titleCaseAreaName } from "./names.js";

/** The demo organisation's kabupaten: Sanggau, Kalimantan Barat. */
export const DEMO_REGION = "61.03";

/** A kabupaten/kota code as Kemendagri writes it: province, dot, regency. */
export const REGION_CODE = /^\d{2}\.\d{2}$/;

export type Regency = { code: string; name: string; provinceName: string };

/** One area below a kabupaten/kota: `name` is its unit's name, `officialName` the data's. */
export type OfficialArea = {
  code: string;
  name: string;
  officialName: string;
  type: AreaType;
  parentCode: string;
};

/** A kabupaten/kota and every area below it, each parent before its children, in code order. */
export type RegionTree = {
  code: string;
  /** "Kabupaten Sanggau" */
  officialName: string;
  /** "Pemerintah Kabupaten Sanggau": the name of the unit at the top of its tree. */
  unitName: string;
  provinceName: string;
  areas: OfficialArea[];
};

/** The code is not a kabupaten/kota in the official data (or not a code at all). */
export class UnknownRegionError extends Error {
  constructor(readonly code: string) {
    super(
      REGION_CODE.test(code)
        ? `No kabupaten/kota has the code ${code} in the official area data`
        : `"${code}" is not a kabupaten/kota code: expected two digits, a dot and two digits, such as 61.03`,
    );
    this.name = "UnknownRegionError";
  }
}

let regencies: Promise<Map<string, Regency>> | null = null;

/** Every kabupaten/kota by code (read once per process). */
export function officialRegencies(): Promise<Map<string, Regency>> {
  regencies ??= (async () => {
    const [provinces, rows] = await Promise.all([getProvinces(), getRegencies()]);
    const provinceNames = new Map(provinces.map((province) => [province.code, titleCaseAreaName(province.name)]));
    return new Map(
      rows
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((row) => [
          row.code,
          {
            code: row.code,
            name: titleCaseAreaName(row.name),
            provinceName: provinceNames.get(row.province_code) ?? row.province_code,
          },
        ]),
    );
  })();
  return regencies;
}

// A tree costs a read of every village in the country (about 0.1 s); admins preview and import
// a few regions, tests and the demo one: keep the last few.
const TREE_CACHE_SIZE = 4;
const trees = new Map<string, Promise<RegionTree>>();

/** The kabupaten/kota `code` and its kecamatan, desa and kelurahan; UnknownRegionError if there is none. */
export function loadRegionTree(code: string): Promise<RegionTree> {
  const cached = trees.get(code);
  if (cached) return cached;
  const tree = readRegionTree(code);
  trees.set(code, tree);
  tree.catch(() => trees.delete(code));
  if (trees.size > TREE_CACHE_SIZE) trees.delete(trees.keys().next().value!);
  return tree;
}

async function readRegionTree(code: string): Promise<RegionTree> {
  const regency = REGION_CODE.test(code) ? (await officialRegencies()).get(code) : undefined;
  if (!regency) throw new UnknownRegionError(code);
  const [districts, villages] = await Promise.all([getDistricts(), getVillages()]);
  const villagesByDistrict = new Map<string, OfficialArea[]>();
  for (const village of villages) {
    if (!village.code.startsWith(`${code}.`)) continue;
    const type: AreaType = village.code.slice(village.code.lastIndexOf(".") + 1).startsWith("1") ? "kelurahan" : "desa";
    const area = areaOf(village.code, village.name, type, village.district_code);
    villagesByDistrict.set(area.parentCode, [...(villagesByDistrict.get(area.parentCode) ?? []), area]);
  }
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  const areas = districts
    .filter((district) => district.regency_code === code)
    .sort(byCode)
    .flatMap((district) => [
      areaOf(district.code, district.name, "kecamatan", code),
      ...(villagesByDistrict.get(district.code) ?? []).sort(byCode),
    ]);
  return {
    code,
    officialName: regency.name,
    unitName: regencyUnitName(regency.name),
    provinceName: regency.provinceName,
    areas,
  };
}

function areaOf(code: string, officialName: string, type: AreaType, parentCode: string): OfficialArea {
  return { code, name: areaUnitName(type, officialName), officialName: officialName.trim(), type, parentCode };
}
