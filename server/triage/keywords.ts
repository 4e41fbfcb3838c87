/**
 * What a person who knows Indonesian public services knows before reading any corpus: the words
 * of each topic, of each intent and of serious harm, in the pattern language of patterns.ts
 * (regional and informal spellings are normalised first, normalize.ts). The learned model reads
 * each code's keyword score as a feature of its own and learns how far to trust it, so the
 * lists may overlap; they carry the model beyond the few thousand lines it was trained on.
 *
 * Weights: 2 is strong evidence, 1 supports, a negative weight is counter-evidence.
 */
import { compilePattern, PatternIndex, type CompiledPattern } from "./patterns.js";
import type { NormalizedText } from "./normalize.js";
import type { Category, Kind, Urgency } from "./taxonomy.js";

/** Patterns that are evidence of the same thing, with one weight: a row counts once per message. */
export type KeywordRow = { weight: number; patterns: string[] };

const row = (weight: number, ...patterns: [string, ...string[]]): KeywordRow => ({ weight, patterns });

export const KIND_KEYWORDS: Record<Exclude<Kind, "lainnya">, KeywordRow[]> = {
  pengaduan: [
    row(2, "rusak*", "hancur", "jebol", "ambruk", "roboh", "amblas", "bocor", "mampet", "tersumbat"),
    row(1.5, "mati", "padam*", "tidak menyala", "tidak mengalir", "error", "offline", "parah", "kacau"),
    row(2, "tidak diangkut", "tidak diperbaiki", "belum diperbaiki", "tidak ditindak*", "dibiarkan", "diabaikan"),
    row(2, "belum jadi", "belum keluar", "belum terima", "belum dapat", "tidak dapat", "belum cair", "dipotong"),
    row(1.5, "lambat", "lama sekali", "berbelit*", "dipersulit", "disuruh balik|kembali", "bolak balik", "ditolak"),
    row(2, "keluh*", "mengeluh*", "kecewa", "kesal|kesel", "lapor*", "aduan", "pengaduan", "protes"),
    row(1.5, "mohon|tolong segera", "segera diperbaiki|ditindak*", "kapan diperbaiki", "mohon ditindak*"),
    row(2, "pungli", "minta uang", "dimintai|diminta uang", "dimintai|diminta # ribu|juta", "pungutan", "calo"),
    row(1.5, "dicuri", "kehilangan", "mengganggu", "meresahkan", "bahaya", "berbahaya", "rawan", "takut"),
    row(1, "padahal", "dicoret", "tidak tepat sasaran", "tanpa pemberitahuan", "tidak ada pemberitahuan"),
    row(1, "menumpuk", "bau", "macet", "gelap", "tercemar", "kotor", "langka", "mahal", "naik terus"),
    row(1, "sudah # hari|minggu|bulan|tahun", "berbulan bulan", "bertahun tahun", "dari dulu"),
    row(1, "tidak ada", "tidak pernah", "tidak jelas", "sampai sekarang", "masih", "terus"),
    // Sarcasm reads as praise word by word: "mantap pemda, jalan kami jadi kolam ikan".
    row(1.5, "kolam ikan|lele", "wahana offroad", "kubangan", "kayak sawah|kolam", "seperti sawah|kolam"),
  ],
  aspirasi: [
    row(2, "usul*", "saran*", "bagaimana kalau", "alangkah baiknya", "aspirasi", "mending"),
    row(
      2,
      "sebaiknya",
      "seharusnya",
      "mohon|tolong|minta .. dipasang|dibangun*|dibuatkan|diadakan|ditambah*|disediakan",
    ),
    row(
      1.5,
      "adakan",
      "diadakan",
      "dibangun",
      "bangun",
      "bikin|buat .. baru",
      "pasang",
      "perlu",
      "berharap",
      "harapan",
    ),
    row(1.5, "program", "fasilitas", "semoga ke depan", "ke depannya", "sediakan"),
    row(1, "ide", "ditambah", "dibuka", "diperbanyak", "dibuat"),
  ],
  pertanyaan: [
    row(1.5, "?"),
    row(2, "apakah", "bagaimana cara*", "cara*", "syarat*", "prosedur*", "apa saja", "berapa", "dimana", "di mana"),
    row(1.5, "kapan", "bisa tidak", "boleh tidak", "apa bisa", "info dong", "minta info", "mohon info", "ada tidak"),
    row(2, "mau tanya", "mau bertanya", "ingin bertanya", "boleh tanya", "numpang tanya", "izin bertanya", "tanya"),
    row(1, "jadwal", "kemana", "ke mana", "siapa", "yang mana", "apa ya", "ya ?"),
    row(-1, "kapan diperbaiki", "kenapa", "mengapa", "bagaimana ini", "kok"),
  ],
  permohonan_informasi: [
    row(2, "salinan", "ppid", "keterbukaan informasi", "permohonan informasi", "informasi publik", "transparansi"),
    row(2, "mohon|minta|meminta informasi|data|dokumen|salinan|rincian|daftar|laporan", "dibuka .. data"),
    row(1.5, "dokumen", "daftar penerima", "rincian", "realisasi", "laporan keuangan|pertanggungjawaban", "notulen"),
    row(1.5, "kontrak", "rab", "rkpd", "rpjmd", "perda", "perbup", "sk", "amdal", "hgu", "lhkpn", "anggaran"),
    row(1, "apbd*", "dana desa", "penelitian", "skripsi", "tugas akhir", "liputan", "dengan hormat", "keperluan"),
    row(1, "diunduh", "unduh", "dishare", "dipublikasikan", "diumumkan", "data"),
  ],
  apresiasi: [
    row(2.5, "terima kasih", "matur nuwun", "apresiasi", "salut", "mantap*", "keren", "luar biasa", "respect"),
    row(2, "bagus", "hebat", "sukses", "bangga", "cepat tanggap", "gercep", "puas", "jempol", "good job"),
    row(1.5, "ramah", "sigap", "responsif", "dipertahankan", "pertahankan", "top", "the best", "akhirnya"),
    row(1, "semoga .. terus", "sudah mulus", "sudah diperbaiki", "sekarang cepat", "berkah", "sehat selalu"),
  ],
};

export const CATEGORY_KEYWORDS: Record<Exclude<Category, "lainnya">, KeywordRow[]> = {
  infrastruktur: [
    row(2, "jalan .. rusak*|berlubang|hancur|lubang*", "jembatan", "lampu jalan", "lampu merah", "gorong gorong"),
    row(
      2,
      "aspal*",
      "diaspal",
      "berlubang",
      "drainase",
      "trotoar",
      "semenisasi",
      "rabat",
      "jalan poros",
      "polisi tidur",
    ),
    row(1.5, "jalan", "lubang*", "got", "selokan", "rambu", "marka", "tikungan", "tanjakan", "guard rail", "pagar"),
    row(1.5, "gedung", "bangunan", "atap", "plafon", "tiang", "halte", "terminal", "taman", "alun alun", "lapangan"),
    row(1, "perbaiki*", "diperbaiki", "mulus", "proyek", "kontraktor", "pembangunan", "rehab", "angkot", "trayek"),
  ],
  lingkungan: [
    row(2, "sampah", "tps", "tpa", "pohon", "banjir*", "pencemaran", "tercemar", "limbah", "polusi", "kabut asap"),
    row(2, "karhutla", "kebakaran hutan|lahan", "penebangan", "tambang", "galian c", "bank sampah", "daur ulang"),
    row(1.5, "genangan", "tergenang", "sungai", "kali", "parit", "asap", "debu", "bau", "lalat", "plastik", "hutan"),
    row(1.5, "longsor*", "erosi", "abrasi", "kekeringan", "kemarau", "kebersihan", "dlh", "lingkungan", "satwa"),
    row(1, "meluap", "air sungai", "bakar sampah", "buaya", "ular", "tawon", "lebah"),
  ],
  kesehatan: [
    row(2, "puskesmas", "pustu", "posyandu", "rumah sakit", "dokter", "bidan", "obat", "vaksin*", "imunisasi"),
    row(2, "demam berdarah", "fogging", "stunting", "gizi", "diare", "muntaber", "malaria", "tbc", "rabies", "wabah"),
    row(1.5, "sakit", "pasien", "perawat", "berobat", "rujukan", "apotek", "klinik", "igd", "ugd", "ambulans"),
    row(1.5, "bpjs", "kis", "kesehatan", "dinkes", "ispa", "asma", "batuk", "demam", "penyakit", "keracunan"),
    row(1, "hamil", "melahirkan", "lahiran", "balita", "pingsan", "sesak", "kejang", "luka", "jantung", "kanker"),
  ],
  pendidikan: [
    row(2, "sekolah", "guru*", "ppdb", "zonasi", "beasiswa", "paud", "perpustakaan", "perpus*", "pendidikan"),
    row(2, "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn", "mts", "madrasah", "tk", "disdik"),
    row(1.5, "murid", "siswa", "pelajar", "kuliah", "mahasiswa", "kampus", "pip", "kip", "bos", "ukt", "ujian"),
    row(1, "kelas", "belajar", "mengajar", "buku", "seragam", "ijazah", "rapor", "literasi", "pesantren", "les"),
  ],
  kependudukan: [
    row(2, "ktp", "kartu keluarga", "akta", "disdukcapil", "adminduk", "kependudukan", "kartu identitas anak"),
    row(2, "nik", "surat pindah", "domisili", "blangko", "perekaman", "rekam", "kia", "buku nikah", "isbat"),
    row(1.5, "kelahiran", "kematian", "pindah", "penduduk", "identitas", "cetak", "nikah", "cerai", "biodata"),
  ],
  sosial: [
    row(2, "bansos", "blt", "pkh", "bpnt", "dtks", "bantuan sosial", "dinsos", "dinas sosial", "rtlh", "pbi"),
    row(2, "sembako", "miskin", "kemiskinan", "disabilitas", "difabel", "yatim", "piatu", "panti", "bedah rumah"),
    row(1.5, "bantuan", "penerima", "lansia", "janda", "kpm", "sktm", "tidak mampu", "orang mampu", "santunan"),
    row(1.5, "tunanetra", "odgj", "gelandangan", "pengemis", "anak jalanan", "rumah aman", "kdrt", "terlantar"),
    // Help asked in a disaster (a boat in a flood) belongs to the disaster, which BPBD answers, not to social aid.
    row(-1.5, "banjir*", "longsor", "kebakaran", "terbakar", "puting beliung", "gempa"),
  ],
  ketertiban: [
    row(2, "balap liar", "parkir liar", "jukir", "preman*", "pencuri*", "dicuri", "curanmor", "maling", "begal"),
    row(2, "jambret", "rampok", "perampokan", "tawuran", "miras", "mabuk*", "narkoba", "judi*", "judol", "sabung ayam"),
    row(2, "satpol pp", "pkl", "pedagang kaki lima", "keamanan", "keributan", "berisik", "bising", "knalpot"),
    row(1.5, "polisi", "polsek", "polres", "cctv", "ronda", "patroli", "penipuan", "tipu*", "kriminal", "pelecehan"),
    row(1.5, "karaoke", "hiburan malam", "geng motor", "penculikan", "culik", "mengganggu", "meresahkan", "razia"),
    row(1, "kecelakaan", "tabrakan", "damkar", "tersesat", "hilang", "parang", "sajam", "senjata"),
  ],
  pelayanan_publik: [
    row(2, "pungli", "minta uang", "dimintai|diminta uang", "calo", "suap", "pelayanan", "layanan", "oknum"),
    row(2, "loket", "antri*", "antre*", "berbelit*", "dipersulit", "izin", "perizinan", "dpmptsp", "mpp", "birokrasi"),
    row(1.5, "petugas", "pegawai", "asn", "pns", "kantor", "camat", "lurah", "kades", "perangkat desa", "pejabat"),
    row(1.5, "website", "aplikasi", "sistem", "online", "call center", "admin", "dibalas", "respon", "tanggapan"),
    row(1, "pajak", "pbb", "samsat", "retribusi", "dprd", "bupati", "lambat", "judes", "jutek", "ramah", "main hp"),
    row(2, "jam kerja", "jam pelayanan", "jam kantor", "jam dinas", "kantor .. tutup|kosong|sepi", "tutup padahal"),
    // How the government spends and hires: budgets and their reports, recruitment, the PPID.
    row(2, "apbdes", "apbd", "dana desa", "rpjmd", "laporan realisasi|pertanggungjawaban", "ppid", "transparansi"),
    row(1.5, "cpns", "pppk", "honorer", "skck", "kua", "njop", "standar pelayanan"),
  ],
  utilitas: [
    row(2, "pdam", "air bersih", "listrik", "pln", "sinyal", "internet", "wifi", "bts", "tower", "provider"),
    row(2, "air .. mati|keruh|tidak mengalir|macet|kotor|bau", "padam*", "pipa", "meteran", "token", "trafo"),
    row(1.5, "gas", "elpiji", "lpg", "gas melon", "jaringan", "telepon", "indihome", "daya", "kabel", "sumur"),
    row(1, "air", "tangki air", "air tanah", "byarpet", "mati lampu"),
  ],
  ekonomi: [
    row(2, "umkm", "harga", "operasi pasar", "pasar murah", "inflasi", "koperasi", "bumdes", "modal", "kredit"),
    row(2, "pedagang", "pupuk", "petani", "nelayan", "panen", "sawit", "karet", "tbs", "gabah", "ternak", "peternak*"),
    row(1.5, "pasar", "usaha", "dagang*", "jualan", "mahal", "murah", "lowongan", "loker", "pengangguran", "phk"),
    row(1.5, "wisata", "pariwisata", "festival", "pameran", "investasi", "pabrik", "toko", "spbu", "bensin", "bbm"),
    row(1, "cabai|cabe", "bawang", "beras", "ikan", "sapi", "pertanian", "prakerja", "pelatihan", "kerja"),
  ],
};

/** Serious but not immediate harm, and calm: evidence for tinggi and rendah (darurat has emergency.ts). */
export const URGENCY_KEYWORDS: Record<Exclude<Urgency, "darurat" | "normal">, KeywordRow[]> = {
  tinggi: [
    row(2, "motor|orang|warga|anak .. jatuh", "mati total", "viral", "korupsi", "wabah", "klb", "outbreak"),
    row(2, "tidak|belum digaji|dibayar", "gaji|honor .. belum|tidak dibayar|cair", "nunggak"),
    row(1.5, "anak sekolah", "anak anak", "balita", "bayi", "lansia", "ibu hamil", "disabilitas", "pasien", "sakit"),
    row(1.5, "banyak warga", "seluruh warga", "ratusan", "puluhan", "sekampung", "satu desa", "warga sekitar"),
    row(1.5, "limbah", "pencemaran", "tercemar", "ikan .. mati", "kabut asap", "ispa", "diare", "demam berdarah"),
    row(1.5, "makin|semakin parah|sering|banyak|meluas", "terulang", "sudah sering", "yang ketiga|keempat"),
    row(1.5, "berbulan bulan", "bertahun tahun", "hampir roboh", "miring", "tidak bisa dilewati", "terputus"),
    row(1, "# hari", "sudah # minggu", "berhari hari", "seminggu", "obat .. habis|kosong", "kelaparan", "rawan"),
    // Health that is at risk but not yet an emergency, and care refused or missing.
    row(1.5, "demam tinggi", "gizi buruk", "stunting", "rabies", "digigit", "campak", "muntaber", "keracunan"),
    row(1.5, "ditolak .. rumah sakit|puskesmas|igd", "tidak dilayani", "tidak ada dokter|bidan|obat", "igd"),
    // Livelihoods and essential supplies: water, food, a road that cuts a village off.
    row(1, "krisis air", "kekeringan", "gagal panen", "air bersih", "terisolir|terisolasi", "putus total"),
    // Losses that leave people without a home, an income or schooling.
    row(1, "hangus", "kehilangan rumah|tempat tinggal|pekerjaan|mata pencaharian", "numpang", "putus sekolah"),
  ],
  rendah: [
    row(2, "sekadar|sekedar info|bertanya", "hanya bertanya", "salam kenal", "selamat pagi|siang|sore|malam"),
    row(1.5, "terima kasih", "semoga", "usul*", "saran*", "info dong", "jadwal", "syarat*", "cara*"),
  ],
};

/** A code's rows, compiled; each pattern knows its row (and its place in it) for candidates-first scoring. */
type CompiledEntry = { field: string; code: string; rows: { weight: number; patterns: CompiledPattern[] }[] };
type PatternPlace = { entry: CompiledEntry; row: number; order: number };

function compileTable(field: string, table: Record<string, KeywordRow[]>): CompiledEntry[] {
  return Object.entries(table).map(([code, rows]) => ({
    field,
    code,
    rows: rows.map((r) => ({ weight: r.weight, patterns: r.patterns.map(compilePattern) })),
  }));
}

const TABLES: CompiledEntry[] = [
  ...compileTable("kind", KIND_KEYWORDS),
  ...compileTable("category", CATEGORY_KEYWORDS),
  ...compileTable("urgency", URGENCY_KEYWORDS),
];
const PLACES = new Map<CompiledPattern, PatternPlace>(
  TABLES.flatMap((entry) =>
    entry.rows.flatMap((r, row) => r.patterns.map((pattern, order) => [pattern, { entry, row, order }] as const)),
  ),
);
const INDEX = new PatternIndex(PLACES.keys());

export type KeywordScore = { field: string; code: string; score: number; matched: string[] };

/**
 * Each code's keyword score: each row counts once, with the words of its first matching pattern.
 * Only the patterns the message's words can match are tried; codes with no evidence are left out.
 */
export function keywordScores({ text, tokens }: NormalizedText): KeywordScore[] {
  // Per code, per row: the order of the first pattern that matched and its words.
  const hits = new Map<CompiledEntry, Map<number, { order: number; words: string }>>();
  for (const pattern of INDEX.candidates(tokens)) {
    const words = pattern.regex.exec(text)?.[1];
    if (words === undefined) continue;
    const { entry, row, order } = PLACES.get(pattern)!;
    let rows = hits.get(entry);
    if (!rows) hits.set(entry, (rows = new Map()));
    const earlier = rows.get(row);
    if (!earlier || order < earlier.order) rows.set(row, { order, words });
  }
  const scores: KeywordScore[] = [];
  // In the tables' order, rows in theirs: the same scores and words whatever order the candidates came in.
  for (const entry of TABLES) {
    const rows = hits.get(entry);
    if (!rows) continue;
    const matched = [...rows].sort((a, b) => a[0] - b[0]);
    const score = matched.reduce((sum, [row]) => sum + entry.rows[row]!.weight, 0);
    if (score !== 0)
      scores.push({ field: entry.field, code: entry.code, score, matched: matched.map(([, hit]) => hit.words) });
  }
  return scores;
}
