/**
 * Finds which known desa, kelurahan or kecamatan a message talks about. Names are given without
 * their "Desa"/"Kecamatan" prefix; the text may use any case, "ds."/"kec." abbreviations and
 * odd spacing ("SungaiMawang", "kec.Sekayam").
 */
import type { Reason } from "./taxonomy.js";

export type PlaceType = "desa" | "kelurahan" | "kecamatan";
export type KnownPlace = { unitId: string; name: string; type: PlaceType; kecamatanName?: string };
export type PlaceMatch = { place: KnownPlace; reason: Reason };

/** The words that may precede a place name, and the type each announces. */
const PLACE_PREFIXES: { pattern: string; type: PlaceType }[] = [
  { pattern: "desa|ds", type: "desa" },
  { pattern: "kelurahan|kel", type: "kelurahan" },
  { pattern: "kecamatan|kec", type: "kecamatan" },
];

/**
 * Place names that are also everyday words ("balai desa" is a village hall, "sosok" a figure):
 * they count only with a prefix or written with a capital letter.
 */
const NAMES_THAT_ARE_COMMON_WORDS = new Set(["balai", "sosok", "beringin", "binjai", "kapuas"]);

const SPECIFICITY: Record<PlaceType, number> = { desa: 2, kelurahan: 2, kecamatan: 1 };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const prefixAlternatives = PLACE_PREFIXES.map((p) => p.pattern).join("|");

/**
 * A name's regex and, for a cheap test before it runs, a word every mention contains (null for
 * names outside ASCII, whose case-insensitive matching differs from lower-casing).
 */
type PlacePattern = { regex: RegExp; firstWord: string | null };

// Compiled once per name: the inbox and the CLI match the same places against every message.
const patternCache = new Map<string, PlacePattern>();

function placePattern(name: string): PlacePattern {
  const cached = patternCache.get(name);
  if (cached) return cached;
  const pattern = compilePlacePattern(name);
  patternCache.set(name, pattern);
  return pattern;
}

function compilePlacePattern(name: string): PlacePattern {
  const words = name.trim().toLowerCase().split(/\s+/);
  // Optional prefix ("ds.", "kec "), then the name's words with any (or no) spacing between.
  const regex = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(${prefixAlternatives})\\.?\\s*)?(${words.map(escapeRegExp).join("\\s*")})(?![\\p{L}\\p{N}])`,
    "giu",
  );
  return { regex, firstWord: /^[\x20-\x7e]+$/.test(name) ? words[0]! : null };
}

function prefixType(prefix: string | undefined): PlaceType | null {
  if (!prefix) return null;
  const lower = prefix.toLowerCase();
  return PLACE_PREFIXES.find((p) => p.pattern.split("|").includes(lower))?.type ?? null;
}

type Candidate = { place: KnownPlace; matched: string; rank: number };

function candidatesFor(place: KnownPlace, text: string, lowerText: string): Candidate[] {
  const candidates: Candidate[] = [];
  const { regex, firstWord } = placePattern(place.name);
  if (firstWord !== null && !lowerText.includes(firstWord)) return candidates;
  for (const match of text.matchAll(regex)) {
    const [matched, prefix, nameSpan = ""] = match;
    const announced = prefixType(prefix);
    const isCommonWord = NAMES_THAT_ARE_COMMON_WORDS.has(place.name.toLowerCase());
    if (isCommonWord && !announced && nameSpan[0] === nameSpan[0]?.toLowerCase()) continue;
    // "kec. X" when X is both a desa and a kecamatan points to the kecamatan (desa and kelurahan are used loosely).
    const prefixAgreement = announced === null ? 0 : SPECIFICITY[announced] === SPECIFICITY[place.type] ? 20 : -200;
    candidates.push({
      place,
      matched: matched.trim(),
      rank: SPECIFICITY[place.type] * 100 + prefixAgreement + nameSpan.length,
    });
  }
  return candidates;
}

/** The most specific place the text names (desa over kecamatan, then the longest name), or null. */
export function recognisePlace(text: string, places: readonly KnownPlace[]): PlaceMatch | null {
  const prepared = text.normalize("NFKC");
  const lowerText = prepared.toLowerCase();
  let bestCandidate: Candidate | null = null;
  for (const place of places) {
    for (const candidate of candidatesFor(place, prepared, lowerText)) {
      if (!bestCandidate || candidate.rank > bestCandidate.rank) bestCandidate = candidate;
    }
  }
  if (!bestCandidate) return null;
  const { place, matched } = bestCandidate;
  return { place, reason: { rule: `place.${place.type}`, matched, weight: SPECIFICITY[place.type] } };
}

/** A unit tree as server/db/seed.ts describes the organisation; only what places need. */
export type UnitTreeNode = { code?: string; name: string; type: string; children?: UnitTreeNode[] };

const UNIT_NAME_PREFIX = /^(?:desa|kelurahan|kecamatan)\s+/i;
const isPlaceType = (type: string): type is PlaceType =>
  type === "desa" || type === "kelurahan" || type === "kecamatan";

/** The desa, kelurahan and kecamatan of a unit tree, named without their prefix. */
export function placesFromUnitTree(node: UnitTreeNode, kecamatanName?: string): KnownPlace[] {
  const own: KnownPlace[] = [];
  const name = node.name.replace(UNIT_NAME_PREFIX, "");
  if (isPlaceType(node.type)) {
    own.push({
      unitId: node.code ?? node.name,
      name,
      type: node.type,
      ...(node.type !== "kecamatan" && kecamatanName ? { kecamatanName } : {}),
    });
  }
  const childKecamatan = node.type === "kecamatan" ? name : kecamatanName;
  return [...own, ...(node.children ?? []).flatMap((child) => placesFromUnitTree(child, childKecamatan))];
}
