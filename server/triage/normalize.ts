/**
 * Turns what citizens type ("Min, jln di ds Sungai Mawang rusak bgt, udh 3 bln gk diperbaiki!!")
 * into one canonical, lower-case token sequence that rules and the classifier both read
 * ("admin , jalan di desa sungai mawang rusak banget ..."). Every spelling decision is a row in a
 * table below, so staff can extend it without touching the code.
 */

import { memoized } from "./memo.js";

/**
 * Informal spellings and abbreviations → their standard form (one token in, one or more words out).
 * Acronyms that are already the usual name (rt, rw, pdam, pln, ktp, bansos, blt, pkh, pungli) pass
 * through unchanged; the ones rules would otherwise have to list twice are spelled out (pju, dbd, kk).
 */
export const INFORMAL_SPELLINGS: Readonly<Record<string, string>> = {
  // negation, the most frequent and the most variously spelled
  gk: "tidak",
  ga: "tidak",
  gak: "tidak",
  nggak: "tidak",
  ngga: "tidak",
  enggak: "tidak",
  engga: "tidak",
  tdk: "tidak",
  tak: "tidak",
  kagak: "tidak",
  ndak: "tidak",
  nda: "tidak",
  ndk: "tidak",
  gaada: "tidak ada",
  gada: "tidak ada",
  bkn: "bukan",
  blm: "belum",
  blum: "belum",
  belom: "belum",
  sdh: "sudah",
  udh: "sudah",
  udah: "sudah",
  dah: "sudah",
  sudh: "sudah",
  // function words
  yg: "yang",
  dgn: "dengan",
  dg: "dengan",
  utk: "untuk",
  untk: "untuk",
  krn: "karena",
  karna: "karena",
  krna: "karena",
  trs: "terus",
  trus: "terus",
  tp: "tapi",
  tpi: "tapi",
  sm: "sama",
  dr: "dari",
  dri: "dari",
  lg: "lagi",
  dlm: "dalam",
  jg: "juga",
  aja: "saja",
  aj: "saja",
  sj: "saja",
  kalo: "kalau",
  klo: "kalau",
  klu: "kalau",
  sampe: "sampai",
  emang: "memang",
  pake: "pakai",
  bikin: "buat",
  sy: "saya",
  sya: "saya",
  gw: "saya",
  gue: "saya",
  aku: "saya",
  kmi: "kami",
  org: "orang",
  skrg: "sekarang",
  skrng: "sekarang",
  bs: "bisa",
  bsa: "bisa",
  bgt: "banget",
  bngt: "banget",
  bener: "benar",
  bnr: "benar",
  dpn: "depan",
  blkg: "belakang",
  sblm: "sebelum",
  // question words
  gmn: "bagaimana",
  gmna: "bagaimana",
  gimana: "bagaimana",
  bgmn: "bagaimana",
  knp: "kenapa",
  napa: "kenapa",
  kpn: "kapan",
  brp: "berapa",
  dmn: "dimana",
  gmana: "bagaimana",
  // requests, thanks and address forms
  mantaap: "mantap",
  mantul: "mantap",
  mhn: "mohon",
  tlg: "tolong",
  tlng: "tolong",
  plis: "tolong",
  please: "tolong",
  makasih: "terima kasih",
  makasi: "terima kasih",
  mksh: "terima kasih",
  trims: "terima kasih",
  trimakasih: "terima kasih",
  terimakasih: "terima kasih",
  thx: "terima kasih",
  thanks: "terima kasih",
  tq: "terima kasih",
  tks: "terima kasih",
  min: "admin",
  mimin: "admin",
  bpk: "pak",
  bapak: "pak",
  pk: "pak",
  ibu: "bu",
  bunda: "bu",
  // time and quantities
  thn: "tahun",
  bln: "bulan",
  mgg: "minggu",
  mg: "minggu",
  hr: "hari",
  jm: "jam",
  rb: "ribu",
  rbu: "ribu",
  jt: "juta",
  // places and administration
  jln: "jalan",
  jl: "jalan",
  jembtn: "jembatan",
  kec: "kecamatan",
  kel: "kelurahan",
  ds: "desa",
  kab: "kabupaten",
  pemkab: "pemda",
  pemdes: "pemerintah desa",
  kades: "kepala desa",
  ektp: "ktp",
  kk: "kartu keluarga",
  akte: "akta",
  dukcapil: "disdukcapil",
  capil: "disdukcapil",
  pju: "lampu jalan",
  dbd: "demam berdarah",
  rsud: "rumah sakit",
  rs: "rumah sakit",
  damkar: "pemadam kebakaran",
  pinjol: "pinjaman online",
  puskes: "puskesmas",
  sekolahan: "sekolah",
  sklh: "sekolah",
  laka: "kecelakaan",
  ngungsi: "mengungsi",
  // colloquial passives (ke-) read as the standard ter-
  kebakar: "terbakar",
  keseret: "terseret",
  kesered: "terseret",
  kecebur: "tercebur",
  kecemplung: "tercebur",
  kejebak: "terjebak",
  ketabrak: "tertabrak",
  kelindas: "terlindas",
  kegencet: "terjepit",
  kebawa: "terbawa",
  ketimbun: "tertimbun",
  keliaran: "berkeliaran",
  kegigit: "digigit",
  semaput: "pingsan",
  klenger: "pingsan",
  getih: "darah",
  kobongan: "kebakaran",
  njeblug: "meletus",
  // Sundanese
  kahuruan: "kebakaran",
  urug: "longsor",
  leungit: "hilang",
  tilelep: "tenggelam",
  palid: "hanyut",
  imah: "rumah",
  asup: "masuk",
  ambulan: "ambulans",
  ambulance: "ambulans",
  // regional words (Javanese, Banjar, Melayu Kalimantan) for what triage must understand
  ilang: "hilang",
  omah: "rumah",
  omahe: "rumahnya",
  dalan: "jalan",
  banyu: "air",
  wit: "pohon",
  udan: "hujan",
  ujan: "hujan",
  isih: "masih",
  esih: "masih",
  durung: "belum",
  wis: "sudah",
  uwis: "sudah",
  ora: "tidak",
  kada: "tidak",
  ana: "ada",
  nimpa: "menimpa",
  ketiban: "tertimpa",
  ketimpa: "tertimpa",
  kejepit: "terjepit",
  kejepet: "terjepit",
  kobong: "terbakar",
  tabakar: "terbakar",
  geni: "api",
  tulung: "tolong",
  nyuwun: "mohon",
  uwong: "orang",
  wong: "orang",
  njero: "dalam",
  keli: "hanyut",
  kelelep: "tenggelam",
  nyemplung: "tercebur",
  ngguling: "terguling",
  sesek: "sesak",
  nyokot: "menggigit",
  asu: "anjing",
  edan: "gila",
  mlebu: "masuk",
  metu: "keluar",
  saiki: "sekarang",
  wingi: "kemarin",
  kamek: "kami",
  jak: "saja",
  sikit: "sedikit",
  ulun: "saya",
  // more Melayu Kalimantan, Javanese and Banjar everyday words
  aek: "air",
  aik: "air",
  masok: "masuk",
  budak: "anak",
  bebudak: "anak",
  kecik: "kecil",
  bahaye: "bahaya",
  ape: "apa",
  kemane: "kemana",
  ngamok: "mengamuk",
  tebakar: "terbakar",
  tengelam: "tenggelam",
  senapang: "senapan",
  dudu: "bukan",
  mboten: "tidak",
  boten: "tidak",
  wonten: "ada",
  sampun: "sudah",
  dereng: "belum",
  kula: "saya",
  tiyang: "orang",
  ngoyak: "mengejar",
  urang: "orang",
  haja: "saja",
  kawa: "bisa",
  banar: "benar",
  baisukan: "pagi",
  nang: "yang",
  kakanakan: "anak anak",
  lakas: "cepat",
  takutan: "takut",
  bulik: "pulang",
  kaluar: "keluar",
  abah: "ayah",
  // more chat slang
  kyk: "kayak",
  msk: "masuk",
  rmh: "rumah",
  bnyk: "banyak",
  cepet: "cepat",
  gede: "besar",
  gedhe: "besar",
  bocil: "anak",
  ortu: "orang tua",
  bokap: "ayah",
  nyokap: "bu",
  nyari: "mencari",
  ngilang: "menghilang",
  dipadamin: "dipadamkan",
  tolongin: "tolong",
};

/** Words whose double letter is real, so "maaaaf" becomes "maaf" and not "maf". */
const REAL_DOUBLE_LETTER_WORDS = new Set([
  "maaf",
  "saat",
  "taat",
  "manfaat",
  "jumaat",
  "keadaan",
  "perusahaan",
  "pelaksanaan",
]);

/** Emoji that carry meaning for triage become words; all other symbols are dropped by the tokenizer. */
const MEANINGFUL_EMOJI: Readonly<Record<string, string>> = {
  "👍": " jempol ",
  "👏": " jempol ",
  "🙏": " mohon ",
};

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/gu;
const MENTION_PATTERN = /(^|\s)@[\p{L}\p{N}_.]+/gu;
// "anak2" and "siap2" are how people write reduplication ("anak-anak").
const REDUPLICATION_PATTERN = /\b(\p{L}{2,})2\b/gu;
const REPEATED_LETTER_PATTERN = /(\p{L})\1{2,}/gu;
// Letters and digits stuck together ("5rb", "rt04") are two tokens.
const DIGIT_LETTER_BOUNDARY = /(?<=\p{N})(?=\p{L})|(?<=\p{L})(?=\p{N})/gu;
// Words, numbers, and the two punctuation marks that say something: "?" asks, "!" urges.
const TOKEN_PATTERN = /[\p{L}\p{N}]+|[?!]/gu;

export type NormalizedText = {
  /** The tokens joined by single spaces: what phrase patterns are matched against. */
  text: string;
  tokens: string[];
};

function collapseRepeatedLetters(word: string): string {
  const single = word.replace(REPEATED_LETTER_PATTERN, "$1");
  if (single === word) return word;
  const keptDouble = word.replace(REPEATED_LETTER_PATTERN, "$1$1");
  return REAL_DOUBLE_LETTER_WORDS.has(keptDouble) ? keptDouble : single;
}

const expandToken = memoized((token: string): readonly string[] => {
  const word = collapseRepeatedLetters(token);
  // Own entries only: a citizen's "constructor" is a word, not Object's member.
  return (Object.hasOwn(INFORMAL_SPELLINGS, word) ? INFORMAL_SPELLINGS[word]! : word).split(" ");
});

const ANY_EMOJI = new RegExp(Object.keys(MEANINGFUL_EMOJI).join("|"), "gu");
const ANY_NUMBER = /\p{N}/u;

export function normalize(raw: string): NormalizedText {
  let text = raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(ANY_EMOJI, (emoji) => MEANINGFUL_EMOJI[emoji]!);
  // Each rewrite runs only when its pattern could match: most messages have no link, mention or number.
  if (text.includes("http") || text.includes("www.")) text = text.replace(URL_PATTERN, " ");
  if (text.includes("@")) text = text.replace(MENTION_PATTERN, "$1 ");
  if (ANY_NUMBER.test(text)) text = text.replace(REDUPLICATION_PATTERN, "$1 $1").replace(DIGIT_LETTER_BOUNDARY, " ");
  const tokens: string[] = [];
  for (const token of text.match(TOKEN_PATTERN) ?? []) tokens.push(...expandToken(token));
  return { text: tokens.join(" "), tokens };
}
