/**
 * How official area names are shown. The data names an area without its administrative word
 * ("Sungai Mawang"), mostly in title case but sometimes all in capitals or in lower case
 * ("lamuk", "Huta baru"); Siar shows "Desa Sungai Mawang", "Kelurahan Huta Baru".
 */

export type AreaType = "kecamatan" | "desa" | "kelurahan";

// Numbered areas ("Koto II", "Sidomulyo XX") go up to the thirties.
const ROMAN_NUMERAL = /^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$/;
const ADMINISTRATIVE_WORD: Record<AreaType, string> = {
  kecamatan: "Kecamatan",
  desa: "Desa",
  kelurahan: "Kelurahan",
};

const capitalised = (word: string) => word.charAt(0).toLocaleUpperCase("id") + word.slice(1);

/**
 * Title case for an area name: a name written all in capitals is lowered first (roman numerals
 * such as "II" stay); otherwise only words starting in lower case get a capital, so abbreviations
 * the data writes on purpose ("UPT", "SP") are kept.
 */
export function titleCaseAreaName(officialName: string): string {
  const name = officialName.trim().replace(/\s+/g, " ");
  const shouting = name === name.toLocaleUpperCase("id") && /\p{Lu}{2}/u.test(name);
  return name
    .split(" ")
    .map((word) => {
      if (ROMAN_NUMERAL.test(word.replace(/[^A-Z]/g, "")) && word === word.toUpperCase()) return word;
      return capitalised(shouting ? word.toLocaleLowerCase("id") : word);
    })
    .join(" ");
}

/** "Kecamatan Kapuas", "Desa Sungai Mawang", "Kelurahan Beringin": the name a unit of the area gets. */
export function areaUnitName(type: AreaType, officialName: string): string {
  return `${ADMINISTRATIVE_WORD[type]} ${titleCaseAreaName(officialName)}`;
}

/** A kabupaten/kota's government: "Pemerintah Kabupaten Sanggau", "Pemerintah Kota Pontianak". */
export function regencyUnitName(officialName: string): string {
  return `Pemerintah ${titleCaseAreaName(officialName)}`;
}

const ADMINISTRATIVE_PREFIX = /^(?:desa|kelurahan|kecamatan)\s+/i;

/** "Desa Sungai Mawang" → "Sungai Mawang": how texts and the official data name a place. */
export function withoutAdministrativeWord(unitName: string): string {
  return unitName.trim().replace(ADMINISTRATIVE_PREFIX, "");
}
