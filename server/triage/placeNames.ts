/**
 * The place names the model does not read: every kecamatan, desa and kelurahan of the corpus's
 * kabupaten (Sanggau, where its writers were told they live), from the official area data. Where
 * a message comes from says nothing about its kind, topic or urgency, yet a writer who often
 * complains about the road to one desa teaches the model that the desa's name means a road, and
 * every later report from there (a puskesmas short of medicine) leans that way. Names made only
 * of everyday words ("Sungai Batu", "Balai") stay: their words carry meaning.
 */
import { withoutAdministrativeWord } from "@server/areas/names.js";
import { DEMO_REGION, loadRegionTree } from "@server/areas/officialAreas.js";
import { normalize, type NormalizedText } from "./normalize.js";
import { isMadeOfCommonWords } from "./placeWords.js";

/** Each name's tokens, by its first token, longest first (so "tanjung sekayam" goes before "tanjung"). */
const NAMES_BY_FIRST_TOKEN = new Map<string, string[][]>();
for (const area of (await loadRegionTree(DEMO_REGION)).areas) {
  const name = withoutAdministrativeWord(area.name);
  if (isMadeOfCommonWords(name)) continue;
  const tokens = normalize(name).tokens;
  if (tokens.length === 0) continue;
  const names = NAMES_BY_FIRST_TOKEN.get(tokens[0]!) ?? [];
  if (!names.some((known) => known.join(" ") === tokens.join(" "))) names.push(tokens);
  NAMES_BY_FIRST_TOKEN.set(tokens[0]!, names);
}
for (const names of NAMES_BY_FIRST_TOKEN.values()) names.sort((a, b) => b.length - a.length);

const startsWith = (tokens: readonly string[], at: number, name: readonly string[]) =>
  name.every((token, i) => tokens[at + i] === token);

/** The text without the place names above (the same object when it names none). */
export function withoutPlaceNames(normalized: NormalizedText): NormalizedText {
  const { tokens } = normalized;
  let kept: string[] | null = null;
  for (let at = 0; at < tokens.length; ) {
    const name = NAMES_BY_FIRST_TOKEN.get(tokens[at]!)?.find((candidate) => startsWith(tokens, at, candidate));
    if (name) {
      kept ??= tokens.slice(0, at);
      at += name.length;
      continue;
    }
    kept?.push(tokens[at]!);
    at++;
  }
  return kept ? { text: kept.join(" "), tokens: kept } : normalized;
}
