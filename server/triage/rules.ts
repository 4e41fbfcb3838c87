/**
 * Transparent triage rules: for every code, weighted Indonesian keywords and phrases in the
 * pattern language of patterns.ts. A field's code is the one with the highest total weight, and
 * every rule that fired is returned as a reason, so staff see why and can edit the table.
 *
 * Weights: 3 decides on its own, 2 is strong evidence, 1 supports, a negative weight is
 * counter-evidence ("tidak ada korban").
 */
import { normalize, type NormalizedText } from "./normalize.js";
import { compilePattern, matchPattern, PatternIndex, type CompiledPattern } from "./patterns.js";
import type { Category, Kind, Reason, Urgency } from "./taxonomy.js";

/** Patterns that are evidence of the same thing, with one weight: the rule counts once per message. */
export type KeywordRule = { weight: number; patterns: string[] };

const rule = (weight: number, ...patterns: [string, ...string[]]): KeywordRule => ({ weight, patterns });

/** A reason names the pattern that fired: "jalan .. rusak*" → "kind.pengaduan.jalan_rusak". */
const patternName = (source: string) =>
  source
    .replace(/\.\.|[*]/g, " ")
    .replace("#", "angka")
    .replace("?", "tanda_tanya")
    .replace("!", "tanda_seru")
    .trim()
    .split(/[\s|]+/)
    .join("_");

export const KIND_RULES: Record<Kind, KeywordRule[]> = {
  pengaduan: [
    rule(2, "rusak*", "hancur", "jebol", "ambruk", "roboh", "amblas"),
    rule(1, "parah"),
    rule(1.5, "mati", "padam*", "tidak menyala", "tidak nyala", "tidak mengalir", "error"),
    rule(2, "tidak diangkut", "tidak diperbaiki", "belum diperbaiki", "tidak ditindak*", "dibiarkan"),
    rule(
      2,
      "belum jadi",
      "belum keluar",
      "belum terima",
      "belum dapat",
      "tidak dapat",
      "belum cair",
      "belum digaji",
      "tidak digaji",
    ),
    rule(1.5, "lambat", "lama sekali", "berbelit*", "dipersulit", "disuruh balik", "disuruh kembali"),
    rule(2, "keluh*", "mengeluh*", "kecewa", "lapor*", "aduan", "pengaduan"),
    rule(
      1.5,
      "mohon segera",
      "tolong segera",
      "segera diperbaiki",
      "segera ditindak*",
      "kapan diperbaiki",
      "mohon ditindak*",
    ),
    rule(1, "tolong"),
    rule(2, "pungli", "minta uang", "dimintai uang", "diminta uang", "dimintai|diminta # ribu|juta", "pungutan"),
    rule(1.5, "sumbangan", "dicuri", "kehilangan", "mengganggu", "meresahkan", "bahaya", "berbahaya", "rawan", "takut"),
    rule(2, "banjir*", "longsor", "kebakaran", "tumbang", "tertimbun"),
    rule(1, "padahal", "dicoret", "tidak tepat sasaran", "tidak ada pemberitahuan", "tanpa pemberitahuan"),
    rule(1, "menumpuk", "bau", "macet", "gelap", "tersumbat", "tercemar", "kotor"),
    rule(1, "sudah # hari|minggu|bulan|tahun", "berbulan bulan", "bertahun tahun", "berminggu minggu"),
    rule(1, "tidak ada", "tidak pernah", "tidak jelas"),
  ],
  aspirasi: [
    rule(3, "usul*", "saran*", "bagaimana kalau", "gimana kalau", "alangkah baiknya", "aspirasi"),
    rule(
      2,
      "sebaiknya",
      "seharusnya",
      "mohon|tolong .. dipasang|dibangunkan|dibuatkan",
      "mohon .. adakan|diadakan|dibangun|dibuat*|ditambah*",
      "minta .. dibangun|diadakan|dibuat*",
    ),
    rule(1.5, "adakan", "diadakan", "dibangun", "perlu", "berharap", "harapan", "semoga"),
    rule(1, "ide", "program", "agar", "supaya", "biar"),
  ],
  pertanyaan: [
    rule(1.5, "?"),
    rule(2, "apakah", "bagaimana cara*", "cara*", "syarat*", "prosedur*", "apa saja", "berapa", "dimana", "di mana"),
    rule(1.5, "kapan", "bisa tidak", "boleh tidak", "apa bisa", "info dong", "minta info"),
    rule(3, "mau tanya", "mau bertanya", "ingin bertanya", "boleh tanya", "numpang tanya", "izin bertanya"),
    rule(-1, "kapan diperbaiki", "kenapa", "mengapa", "bagaimana ini"),
  ],
  permohonan_informasi: [
    rule(3, "salinan", "ppid", "keterbukaan informasi", "permohonan informasi", "informasi publik"),
    rule(2, "mohon informasi", "meminta informasi", "minta data", "mohon data", "meminta data", "mohon dokumen"),
    rule(1.5, "dokumen", "daftar penerima", "rincian", "laporan realisasi", "laporan keuangan"),
    rule(1, "apbd*", "anggaran", "penelitian", "skripsi", "dengan hormat", "keperluan"),
  ],
  apresiasi: [
    rule(2.5, "terima kasih", "apresiasi", "salut", "mantap*", "keren", "luar biasa"),
    rule(2, "bagus", "hebat", "sukses", "bangga", "cepat tanggap", "gercep", "puas", "jempol"),
    rule(1.5, "ramah", "sigap", "responsif", "dipertahankan", "pertahankan"),
    rule(1, "banyak", "semoga .. terus", "sudah mulus", "sudah diperbaiki", "sekarang cepat"),
  ],
  // Spam and promotion; a total of SPAM_THRESHOLD makes the whole item spam.
  lainnya: [
    rule(4, "pinjaman online", "judi online", "slot", "gacor", "togel", "maxwin", "jp paus"),
    rule(3, "wa 08*", "whatsapp 08*", "tanpa jaminan", "hub* wa", "klik link", "followers", "deposit"),
    rule(2, "promo", "cair # menit", "cair", "diskon", "bonus", "dijamin", "daftar sekarang", "investasi"),
  ],
};

export const CATEGORY_RULES: Record<Category, KeywordRule[]> = {
  infrastruktur: [
    rule(
      3,
      "jalan .. rusak*|berlubang|hancur",
      "jembatan",
      "lampu jalan",
      "penerangan jalan",
      "jalan poros",
      "gorong gorong",
    ),
    rule(2, "jalan", "lubang*", "berlubang", "aspal*", "drainase", "trotoar", "semenisasi", "rabat"),
    rule(1, "gedung", "bangunan", "tiang", "perbaiki*", "diperbaiki", "mulus"),
  ],
  lingkungan: [
    rule(
      3,
      "sampah",
      "tps",
      "pohon",
      "banjir*",
      "pencemaran",
      "tercemar",
      "limbah",
      "polusi",
      "kabut asap",
      "karhutla",
    ),
    rule(2, "tergenang", "genangan", "air sungai", "penebangan", "pembakaran lahan", "kebakaran hutan", "tambang"),
    rule(1.5, "bau", "asap", "lalat", "sungai", "longsor", "parit", "meluap"),
  ],
  kesehatan: [
    rule(3, "puskesmas", "rumah sakit", "demam berdarah", "fogging", "stunting", "gizi buruk", "posyandu", "imunisasi"),
    rule(
      2,
      "dokter",
      "bidan",
      "perawat",
      "obat",
      "pasien",
      "vaksin*",
      "wabah",
      "diare",
      "muntaber",
      "keracunan",
      "ambulans",
    ),
    rule(1.5, "sakit", "nyamuk", "bpjs", "kesehatan", "malaria", "tbc", "berobat"),
  ],
  pendidikan: [
    rule(3, "sekolah", "guru*", "ppdb", "beasiswa", "paud", "perpustakaan", "pendidikan"),
    rule(2, "kuliah", "mahasiswa", "kampus"),
    rule(2, "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "murid", "siswa", "pelajar", "zonasi"),
    rule(1, "kelas", "belajar", "buku", "honorer", "ijazah"),
  ],
  kependudukan: [
    rule(3, "ktp", "kartu keluarga", "akta", "disdukcapil", "adminduk", "kependudukan", "kartu identitas anak"),
    rule(2, "nik", "surat pindah", "domisili", "blangko", "perekaman", "rekam", "kia"),
  ],
  sosial: [
    rule(3, "bansos", "blt", "pkh", "bpnt", "dtks", "bantuan sosial", "penerima bantuan", "dinas sosial", "dinsos"),
    rule(
      2,
      "sembako",
      "miskin",
      "disabilitas",
      "yatim",
      "bedah rumah",
      "rumah tidak layak",
      "kpm",
      "tidak tepat sasaran",
      "hibah",
    ),
    rule(1.5, "bantuan", "beras", "janda", "orang mampu", "penerima"),
  ],
  ketertiban: [
    rule(4, "balap liar", "parkir liar"),
    rule(
      3,
      "preman*",
      "pencuri*",
      "dicuri",
      "curanmor",
      "maling",
      "begal",
      "tawuran",
      "miras",
      "mabuk",
      "narkoba",
      "judi",
      "kebakaran",
    ),
    rule(
      2,
      "tukang parkir",
      "berisik",
      "bising",
      "kebisingan",
      "keributan",
      "satpol pp",
      "keamanan",
      "pemadam kebakaran",
      "knalpot",
    ),
    rule(3, "pkl", "pedagang kaki lima"),
    rule(1, "mengganggu", "meresahkan", "ronda", "kecelakaan", "api"),
    rule(-2, "kebakaran hutan", "kebakaran lahan"),
  ],
  pelayanan_publik: [
    rule(4, "pungli", "minta uang", "dimintai uang", "diminta uang", "dimintai|diminta # ribu|juta", "calo", "suap"),
    rule(
      2.5,
      "pelayanan",
      "pungutan",
      "loket",
      "berbelit*",
      "dipersulit",
      "main hp",
      "tidak ramah",
      "judes",
      "jutek",
      "ombudsman",
      "oknum",
    ),
    rule(
      1.5,
      "petugas",
      "pegawai",
      "asn",
      "pns",
      "antri*",
      "antre*",
      "lambat",
      "biar cepat",
      "website",
      "aplikasi",
      "kantor",
    ),
  ],
  utilitas: [
    rule(4, "pdam", "air bersih", "listrik", "pln"),
    rule(3, "air .. mati|keruh|tidak mengalir|macet", "padam*", "sinyal", "pipa", "meteran", "sumur bor"),
    rule(1.5, "internet", "token", "air"),
  ],
  ekonomi: [
    rule(4, "umkm", "harga", "operasi pasar", "inflasi"),
    rule(
      2.5,
      "pedagang",
      "koperasi",
      "modal",
      "pupuk",
      "petani",
      "nelayan",
      "pengangguran",
      "lowongan",
      "bumdes",
      "elpiji",
    ),
    rule(1.5, "pasar", "usaha", "dagang*", "mahal", "langka", "sawit", "karet", "pemasaran", "wisata", "pelatihan"),
  ],
  lainnya: [],
};

/** Danger now, serious harm, and "no urgency" cues; "normal" is what is left (see decideUrgency). */
export const URGENCY_RULES: Record<Exclude<Urgency, "normal">, KeywordRule[]> = {
  darurat: [
    rule(
      3,
      "kebakaran",
      "api membesar",
      "longsor",
      "tertimbun",
      "terjebak",
      "hanyut",
      "tenggelam",
      "kecelakaan",
      "darurat",
      "wabah",
    ),
    rule(
      3,
      "masuk rumah",
      "terus naik",
      "semakin tinggi",
      "setinggi lutut|pinggang|dada",
      "sepinggang",
      "sedada",
      "meluap",
    ),
    rule(
      3,
      "korban",
      "meninggal",
      "tewas",
      "luka parah",
      "belum dievakuasi",
      "evakuasi",
      "keracunan",
      "klb",
      "kejadian luar biasa",
    ),
    rule(2, "tolong .. !", "banjir*", "demam berdarah", "jembatan putus", "putus total", "menimpa", "sekarang juga"),
    rule(2, "# anak|warga|orang .. kena|terkena|sakit|dirawat|muntah*|diare|demam"),
    // Each negation cancels the cue it contains ("tidak ada korban" also matches "korban").
    rule(-3, "tidak ada korban", "belum ada korban", "tanpa korban"),
    rule(-3, "sudah padam", "sudah surut", "sudah dievakuasi", "sudah ditangani", "sudah aman"),
    rule(-2, "tahun lalu", "bulan lalu", "minggu lalu"),
  ],
  tinggi: [
    rule(3, "motor|orang|warga|anak .. jatuh", "mati total", "viral", "korupsi"),
    rule(3, "tidak digaji", "belum digaji", "gaji|honor .. belum|tidak dibayar|diterima", "belum terima gaji|honor"),
    rule(
      2.5,
      "tutup padahal",
      "padahal jadwal*",
      "tanpa diperiksa",
      "anak sekolah",
      "banyak warga",
      "seluruh warga",
      "ratusan",
      "puluhan",
    ),
    rule(2.5, "sekampung", "satu kampung", "satu desa", "seluruh desa", "warga sekitar"),
    rule(2, "limbah", "pencemaran", "tercemar", "ikan .. mati", "kabut asap", "asap .. tebal", "ispa"),
    rule(
      2,
      "makin|semakin berani|parah|sering|banyak|meluas",
      "yang ketiga|keempat|kelima",
      "sudah sering",
      "terulang",
    ),
    rule(
      2,
      "berbulan bulan",
      "bertahun tahun",
      "hampir roboh",
      "miring",
      "ambruk",
      "pungli",
      "minta uang",
      "dimintai uang",
      "dimintai|diminta # ribu|juta",
      "tidak bisa dilewati",
    ),
    rule(1, "lapuk", "berbahaya", "tiap hari", "setiap hari", "sudah # bulan", "pasien", "rawan kecelakaan"),
  ],
  rendah: [
    rule(2, "sekadar info", "hanya bertanya", "sekedar bertanya", "salam kenal", "selamat pagi|siang|sore|malam"),
  ],
};

/** This much spam evidence makes an item spam whatever else it says. */
export const SPAM_THRESHOLD = 3;
/** Minimum evidence for the two urgent levels: one decisive cue, or two strong ones. */
export const URGENT_THRESHOLD: Record<"darurat" | "tinggi", number> = { darurat: 3, tinggi: 2 };
/** A kind needs at least this much complaint evidence before a question or suggestion counts as a problem. */
const PROBLEM_EVIDENCE = 2;

export type FieldDecision<C extends string> = { code: C; score: number; reasons: Reason[] };
export type RuleDecision = {
  kind: FieldDecision<Kind>;
  category: FieldDecision<Category>;
  urgency: FieldDecision<Urgency>;
  spam: boolean;
};

/** A pattern and the name its reasons carry ("kind.pengaduan.jalan_rusak"). */
type NamedPattern = { compiled: CompiledPattern; reasonRule: string };
type CompiledRule = { weight: number; patterns: NamedPattern[] };
type CompiledTable<C extends string> = [C, CompiledRule[]][];

function compileTable<C extends string>(field: string, table: Record<C, KeywordRule[]>): CompiledTable<C> {
  return (Object.entries(table) as [C, KeywordRule[]][]).map(([code, rules]) => [
    code,
    rules.map((r) => ({
      weight: r.weight,
      patterns: r.patterns.map((source) => ({
        compiled: compilePattern(source),
        reasonRule: `${field}.${code}.${patternName(source)}`,
      })),
    })),
  ]);
}

const COMPILED = {
  kind: compileTable("kind", KIND_RULES),
  category: compileTable("category", CATEGORY_RULES),
  urgency: compileTable("urgency", URGENCY_RULES),
};
const INDEX = new PatternIndex(
  Object.values(COMPILED).flatMap((table: CompiledTable<string>) =>
    table.flatMap(([, rules]) => rules.flatMap((r) => r.patterns.map((p) => p.compiled))),
  ),
);

/** Each rule counts once, on its first matching pattern. Codes keep the table's order. */
function scoreCodes<C extends string>(
  table: CompiledTable<C>,
  text: string,
  candidates: ReadonlySet<CompiledPattern>,
): FieldDecision<C>[] {
  return table.map(([code, rules]) => {
    const reasons: Reason[] = [];
    let score = 0;
    for (const r of rules) {
      for (const pattern of r.patterns) {
        const matched = matchPattern(pattern.compiled, text, candidates);
        if (matched === null) continue;
        reasons.push({ rule: pattern.reasonRule, matched, weight: r.weight });
        score += r.weight;
        break;
      }
    }
    return { code, score, reasons };
  });
}

/** The highest positive score wins; ties go to the code listed first. */
function best<C extends string>(scores: FieldDecision<C>[]): FieldDecision<C> | null {
  let winner: FieldDecision<C> | null = null;
  for (const candidate of scores) if (candidate.score > 0 && candidate.score > (winner?.score ?? 0)) winner = candidate;
  return winner;
}

const scoreOf = <C extends string>(scores: FieldDecision<C>[], code: C) => scores.find((s) => s.code === code)!;
const fallback = <C extends string>(field: string, code: C, why: string): FieldDecision<C> => ({
  code,
  score: 0,
  reasons: [{ rule: `${field}.${code}.default`, matched: why, weight: 0 }],
});

function decideUrgency(
  urgencyScores: FieldDecision<Urgency>[],
  kind: Kind,
  complaintScore: number,
): FieldDecision<Urgency> {
  for (const level of ["darurat", "tinggi"] as const) {
    const candidate = scoreOf(urgencyScores, level);
    if (candidate.score >= URGENT_THRESHOLD[level]) return candidate;
  }
  // Praise, remarks and questions or suggestions that report no problem can wait.
  const calmKind =
    kind === "apresiasi" ||
    kind === "lainnya" ||
    ((kind === "aspirasi" || kind === "pertanyaan") && complaintScore < PROBLEM_EVIDENCE);
  const explicitlyCalm = scoreOf(urgencyScores, "rendah");
  if (calmKind)
    return {
      code: "rendah",
      score: explicitlyCalm.score,
      reasons: [...explicitlyCalm.reasons, { rule: `urgency.rendah.kind_${kind}`, matched: kind, weight: 0 }],
    };
  if (explicitlyCalm.score > 0) return explicitlyCalm;
  return fallback("urgency", "normal", "no urgency cue");
}

export function applyRules(input: string | NormalizedText): RuleDecision {
  const { text, tokens } = typeof input === "string" ? normalize(input) : input;
  const candidates = INDEX.candidates(tokens);
  const kindScores = scoreCodes(COMPILED.kind, text, candidates);
  const categoryScores = scoreCodes(COMPILED.category, text, candidates);
  const urgencyScores = scoreCodes<Urgency>(COMPILED.urgency, text, candidates);

  const spamEvidence = scoreOf(kindScores, "lainnya");
  if (spamEvidence.score >= SPAM_THRESHOLD) {
    const spamReasons = spamEvidence.reasons;
    return {
      kind: spamEvidence,
      category: { code: "lainnya", score: spamEvidence.score, reasons: spamReasons },
      urgency: { code: "rendah", score: spamEvidence.score, reasons: spamReasons },
      spam: true,
    };
  }

  const category = best(categoryScores) ?? fallback("category", "lainnya", "no category keyword");
  // Without any cue about the kind, a message naming a topic is most likely a complaint about it.
  const kind =
    best(kindScores.filter((s) => s.code !== "lainnya")) ??
    (category.code === "lainnya"
      ? fallback("kind", "lainnya", "no kind keyword")
      : fallback("kind", "pengaduan", `topic ${category.code}`));
  const urgency = decideUrgency(urgencyScores, kind.code, scoreOf(kindScores, "pengaduan").score);
  return { kind, category, urgency, spam: false };
}
