/**
 * Promotions of online loans, gambling and goods: such an item is spam (closed, lainnya / lainnya /
 * rendah) whatever else it says. Each row is a weight and patterns in the language of
 * patterns.ts; SPAM_THRESHOLD of evidence makes an item spam. Naming a loan or gambling is not
 * promoting it: citizens complain about both ("anak kecanduan judi online", "NIK dipakai untuk
 * pinjol"), so the topic alone falls short of the threshold, and the words of a complaint or a
 * plea count against.
 */
import { compilePattern, matchPattern, PatternIndex, type CompiledPattern } from "./patterns.js";
import type { NormalizedText } from "./normalize.js";
import type { Reason } from "./taxonomy.js";

type SpamRule = { weight: number; patterns: string[] };

export const SPAM_RULES: SpamRule[] = [
  { weight: 4, patterns: ["gacor", "maxwin", "jp paus"] },
  { weight: 2, patterns: ["pinjaman online", "judi online", "slot", "togel"] },
  {
    weight: 3,
    patterns: ["wa 08*", "whatsapp 08*", "tanpa jaminan", "hub* wa", "klik link", "followers", "deposit"],
  },
  {
    weight: 2,
    patterns: ["promo", "cair # menit", "cair", "diskon", "bonus", "dijamin", "daftar sekarang", "investasi"],
  },
  // Selling: a reseller call with a second sign. Not "dijual": complaints say it too ("es mau dijual cair").
  { weight: 2, patterns: ["reseller", "dropship*", "open order|po", "ready stock", "untung besar", "modal kecil"] },
  { weight: 1.5, patterns: ["pesan .. inbox|dm", "minat hub*", "bisa antar", "cod", "dm ya|aja|kak"] },
  // The pitch: where to sign up, and a promise.
  {
    weight: 2,
    patterns: [
      "link .. bio|profil",
      "link alternatif",
      "join|gabung grup|group|telegram",
      "terpercaya",
      "wd|withdraw",
      "pasti|gampang|mudah menang|dibayar|untung",
      "untung pasti",
      "slot terbatas",
    ],
  },
  // A victim's complaint or a plea, not an offer.
  {
    weight: -3,
    patterns: [
      "kecanduan",
      "ditagih*|tagihan|debt collector|diteror|teror",
      "dipakai|dipake|disalahgunakan",
      "terjerat|korban|jebakan",
      "razia|blokir|berantas|memberantas|bertindak|ditindak",
      "tolong|mohon",
      "jangan",
    ],
  },
];
export const SPAM_THRESHOLD = 3;

const COMPILED: { weight: number; patterns: CompiledPattern[] }[] = SPAM_RULES.map((rule) => ({
  weight: rule.weight,
  patterns: rule.patterns.map(compilePattern),
}));
const INDEX = new PatternIndex(COMPILED.flatMap((rule) => rule.patterns));

/**
 * The spam evidence in a message: each row counts once, on its first matching pattern. The reasons
 * are the evidence for spam only: a complaint's words lower the score but explain no spam decision.
 */
export function spamEvidence({ text, tokens }: NormalizedText): { spam: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const candidates = INDEX.candidates(tokens);
  let score = 0;
  for (const rule of COMPILED) {
    for (const pattern of rule.patterns) {
      const matched = matchPattern(pattern, text, candidates);
      if (matched === null) continue;
      if (rule.weight > 0) reasons.push({ rule: "spam", matched, weight: rule.weight, note: { code: "spam" } });
      score += rule.weight;
      break;
    }
  }
  return { spam: score >= SPAM_THRESHOLD, reasons };
}
