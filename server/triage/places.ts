/**
 * Finds which known desa, kelurahan or kecamatan a message talks about. Names are given without
 * their "Desa"/"Kecamatan" prefix; the text may use any case, "ds."/"kec." abbreviations and
 * odd spacing ("SungaiMawang", "kec.Sekayam"). The places are the unit tree's (every desa and
 * kelurahan of the kabupaten), so one name may belong to two kecamatan: the one whose kecamatan
 * the text also names wins, else the first in the order given.
 */
import { withoutAdministrativeWord } from "@server/areas/names.js";
import { isMadeOfCommonWords } from "./placeWords.js";
import type { Reason } from "./taxonomy.js";

export type PlaceType = "desa" | "kelurahan" | "kecamatan";
export type KnownPlace = { unitId: string; name: string; type: PlaceType; kecamatanName?: string };
export type PlaceMatch = { place: KnownPlace; reason: Reason };

/** The words that may precede a place name (or its head's title: "camat Kapuas"), and the type each announces. */
const PLACE_PREFIXES: { pattern: string; type: PlaceType }[] = [
  { pattern: "desa|ds|kades", type: "desa" },
  { pattern: "kelurahan|kel|lurah", type: "kelurahan" },
  { pattern: "kecamatan|kec|camat", type: "kecamatan" },
];

/** A desa named together with its kecamatan ("Sungai Mawang, kec. Mukok") beats its namesake elsewhere. */
const KECAMATAN_NAMED_TOO = 10;

const SPECIFICITY: Record<PlaceType, number> = { desa: 2, kelurahan: 2, kecamatan: 1 };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const prefixAlternatives = PLACE_PREFIXES.map((p) => p.pattern).join("|");

/** A name's regex, and whether the name is made of everyday words only (then it needs a prefix or a capital). */
type PlacePattern = { regex: RegExp; everydayWords: boolean };

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
  // Optional prefix ("ds.", "kec ", "kel.X"), then the name's words with any (or no) spacing between.
  const regex = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(${prefixAlternatives})(?:\\.\\s*|\\s+))?(${words.map(escapeRegExp).join("\\s*")})(?![\\p{L}\\p{N}])`,
    "giu",
  );
  return { regex, everydayWords: isMadeOfCommonWords(name) };
}

function prefixType(prefix: string | undefined): PlaceType | null {
  if (!prefix) return null;
  const lower = prefix.toLowerCase();
  return PLACE_PREFIXES.find((p) => p.pattern.split("|").includes(lower))?.type ?? null;
}

type Candidate = { place: KnownPlace; matched: string; rank: number };

/** Whether the text at `index` begins a sentence, where a capital letter says nothing about a name. */
function startsSentence(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const trimmed = before.replace(/[\s"'“‘([*•–—-]+$/u, "");
  return trimmed === "" || /[.!?…]$/u.test(trimmed) || /\n[^\S\n]*$/u.test(before);
}

/**
 * Where each place may be mentioned: a mention starts a word of the text (or one written together
 * with the next, "sungaimawang"), so the leading letters of its name's first word begin one of the
 * text's words. Names outside ASCII (whose case-insensitive matching differs from lower-casing) are
 * always tried. Built once per list: the inbox and the CLI match one list against every message.
 */
type PlaceIndex = { byLead: Map<string, number[]>; always: number[] };
const placeIndexes = new WeakMap<readonly KnownPlace[], PlaceIndex>();

function placeIndex(places: readonly KnownPlace[]): PlaceIndex {
  let index = placeIndexes.get(places);
  if (index) return index;
  index = { byLead: new Map(), always: [] };
  places.forEach((place, position) => {
    const lead = /^[\x20-\x7e]+$/.test(place.name)
      ? /^[a-z0-9]+/.exec(place.name.trim().toLowerCase())?.[0]
      : undefined;
    if (!lead) index!.always.push(position);
    else index!.byLead.set(lead, [...(index!.byLead.get(lead) ?? []), position]);
  });
  placeIndexes.set(places, index);
  return index;
}

/** The places whose names may occur in the text, in the order given. */
function placesToTry(places: readonly KnownPlace[], lowerText: string): KnownPlace[] {
  const { byLead, always } = placeIndex(places);
  const positions = new Set(always);
  for (const word of lowerText.match(/[a-z0-9]+/g) ?? []) {
    for (let length = 1; length <= word.length; length++) {
      for (const position of byLead.get(word.slice(0, length)) ?? []) positions.add(position);
    }
  }
  return [...positions].sort((a, b) => a - b).map((position) => places[position]!);
}

function candidatesFor(place: KnownPlace, text: string): Candidate[] {
  const candidates: Candidate[] = [];
  const { regex, everydayWords } = placePattern(place.name);
  for (const match of text.matchAll(regex)) {
    const [matched, prefix, nameSpan = ""] = match;
    const announced = prefixType(prefix);
    if (everydayWords && !announced) {
      const capitalised = nameSpan[0] !== nameSpan[0]?.toLowerCase();
      if (!capitalised || startsSentence(text, match.index)) continue;
    }
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
  const candidates = placesToTry(places, lowerText).flatMap((place) => candidatesFor(place, prepared));
  const kecamatanNamed = new Set(
    candidates.filter((c) => c.place.type === "kecamatan" && c.rank > 0).map((c) => c.place.name.toLowerCase()),
  );
  let bestCandidate: Candidate | null = null;
  for (const candidate of candidates) {
    const { kecamatanName } = candidate.place;
    const rank =
      candidate.rank + (kecamatanName && kecamatanNamed.has(kecamatanName.toLowerCase()) ? KECAMATAN_NAMED_TOO : 0);
    if (!bestCandidate || rank > bestCandidate.rank) bestCandidate = { ...candidate, rank };
  }
  if (!bestCandidate) return null;
  const { place, matched } = bestCandidate;
  return { place, reason: { rule: `place.${place.type}`, matched, weight: SPECIFICITY[place.type] } };
}

/** A unit tree as server/db/seed.ts describes the organisation; only what places need. */
export type UnitTreeNode = { code?: string; name: string; type: string; children?: UnitTreeNode[] };

const isPlaceType = (type: string): type is PlaceType =>
  type === "desa" || type === "kelurahan" || type === "kecamatan";

/** The desa, kelurahan and kecamatan of a unit tree, named without their prefix. */
export function placesFromUnitTree(node: UnitTreeNode, kecamatanName?: string): KnownPlace[] {
  const own: KnownPlace[] = [];
  const name = withoutAdministrativeWord(node.name);
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
