/**
 * Seeded generator of realistic citizen comments, mentions and messages written to a regional
 * government in Kabupaten Sanggau (Kalimantan Barat), including the informal spellings people
 * actually type. Each text carries the triage a careful officer would give it, so benchmarks can
 * score Siar's triage against it.
 */
import { chance, createRandom, pick, type Random } from "./random";

export type CitizenKind = "pengaduan" | "aspirasi" | "pertanyaan" | "permohonan_informasi" | "apresiasi" | "lainnya";
export type CitizenCategory =
  | "infrastruktur"
  | "lingkungan"
  | "kesehatan"
  | "pendidikan"
  | "kependudukan"
  | "sosial"
  | "ketertiban"
  | "pelayanan_publik"
  | "utilitas"
  | "ekonomi"
  | "lainnya";
export type CitizenUrgency = "darurat" | "tinggi" | "normal" | "rendah";

export interface CitizenAuthor {
  name: string;
  /** Lower-case handle usable as an X username or Instagram username. */
  handle: string;
}

export interface CitizenText {
  text: string;
  author: CitizenAuthor;
  expected: { kind: CitizenKind; category: CitizenCategory; urgency: CitizenUrgency };
  place: { kecamatan: string; desa: string };
}

interface Template {
  kind: CitizenKind;
  category: CitizenCategory;
  urgency: CitizenUrgency;
  text: string;
}

/** Desa/kelurahan with the kecamatan they belong to. */
const PLACES = [
  { kecamatan: "Kapuas", desa: "Sungai Mawang" },
  { kecamatan: "Kapuas", desa: "Ilir Kota" },
  { kecamatan: "Kapuas", desa: "Beringin" },
  { kecamatan: "Kapuas", desa: "Tanjung Sekayam" },
  { kecamatan: "Kapuas", desa: "Bunut" },
  { kecamatan: "Sekayam", desa: "Balai Karangan" },
  { kecamatan: "Mukok", desa: "Semuntai" },
  { kecamatan: "Mukok", desa: "Kedukul" },
  { kecamatan: "Tayan Hulu", desa: "Sosok" },
  { kecamatan: "Balai", desa: "Batang Tarang" },
  { kecamatan: "Entikong", desa: "Entikong" },
  { kecamatan: "Meliau", desa: "Meliau Hilir" },
] as const;

const ROADS = [
  "Jalan Jenderal Sudirman",
  "Jalan Ahmad Yani",
  "Jalan Lintas Malindo",
  "Jalan Kartini",
  "Jalan Sanggau-Sekadau",
];
const FIRST_NAMES = [
  "Agus",
  "Siti",
  "Yohanes",
  "Dewi",
  "Paulus",
  "Nur",
  "Rini",
  "Antonius",
  "Fransiska",
  "Budi",
  "Maria",
  "Hendra",
  "Yuliana",
  "Rahmat",
  "Stefanus",
  "Wati",
];
const LAST_NAMES = [
  "Saputra",
  "Rahayu",
  "Anyang",
  "Lestari",
  "Mering",
  "Hidayat",
  "Sinaga",
  "Ningsih",
  "Jalung",
  "Pratama",
  "Ahim",
  "Kurniawan",
];
const DURATIONS = ["2 minggu", "sebulan", "3 bulan", "setahun lebih", "5 hari"];

const TEMPLATES: readonly Template[] = [
  {
    kind: "pengaduan",
    category: "infrastruktur",
    urgency: "normal",
    text: "Pak, {road} di {desa} rusak parah, lubangnya besar sekali. Sudah {duration} tidak ada perbaikan. Tolong segera diperbaiki",
  },
  {
    kind: "pengaduan",
    category: "infrastruktur",
    urgency: "tinggi",
    text: "Jembatan kayu di {desa} kec. {kecamatan} sudah miring, anak sekolah tiap hari lewat situ. Kapan diperbaiki? Takut ada yang jatuh",
  },
  {
    kind: "pengaduan",
    category: "infrastruktur",
    urgency: "normal",
    text: "Lampu jalan di {road} dekat pasar {desa} mati semua sudah {duration}, malam gelap sekali rawan kecelakaan",
  },
  {
    kind: "pengaduan",
    category: "lingkungan",
    urgency: "darurat",
    text: "Banjir sekarang di {desa}, air sudah masuk rumah warga sepinggang. Tolong kirim bantuan perahu, ada lansia yang belum bisa keluar!",
  },
  {
    kind: "pengaduan",
    category: "lingkungan",
    urgency: "normal",
    text: "Sampah di dekat pasar {desa} menumpuk sudah {duration} tidak diangkut, baunya sampai ke rumah warga",
  },
  {
    kind: "pengaduan",
    category: "lingkungan",
    urgency: "tinggi",
    text: "Parit di {road} tersumbat, tiap hujan sebentar saja langsung banjir. Warga {desa} sudah capek sekali",
  },
  {
    kind: "pengaduan",
    category: "kependudukan",
    urgency: "normal",
    text: "Sudah {duration} rekam KTP elektronik di kecamatan {kecamatan} tapi KTP belum jadi juga. Katanya blangko habis terus",
  },
  {
    kind: "pertanyaan",
    category: "kependudukan",
    urgency: "normal",
    text: "Mau tanya, syarat bikin akta kelahiran anak apa saja ya? Bisa diurus di kecamatan {kecamatan} atau harus ke Disdukcapil Sanggau?",
  },
  {
    kind: "pengaduan",
    category: "sosial",
    urgency: "normal",
    text: "Kenapa bansos di {desa} yang dapat malah keluarga yang mampu, sedangkan janda tua di RT kami tidak pernah dapat. Tolong didata ulang",
  },
  {
    kind: "pertanyaan",
    category: "sosial",
    urgency: "normal",
    text: "Pak, BLT bulan ini sudah cair belum ya untuk warga {desa}? Kami belum dapat informasi dari desa",
  },
  {
    kind: "pengaduan",
    category: "utilitas",
    urgency: "tinggi",
    text: "Air PDAM di {desa} mati sudah {duration}, kalau hidup pun keruh sekali. Tapi tagihan tetap jalan. Tolong ditindaklanjuti",
  },
  {
    kind: "pengaduan",
    category: "utilitas",
    urgency: "normal",
    text: "Listrik di {desa} kec. {kecamatan} sering padam, sehari bisa 3 kali. Usaha warga jadi rugi",
  },
  {
    kind: "pengaduan",
    category: "kesehatan",
    urgency: "tinggi",
    text: "Puskesmas {kecamatan} sering tutup siang, tadi ada warga demam tinggi tidak dilayani. Mohon perhatian dinas kesehatan",
  },
  {
    kind: "pengaduan",
    category: "kesehatan",
    urgency: "darurat",
    text: "Di {desa} sudah 6 anak kena demam berdarah minggu ini, satu dirawat di RSUD. Tolong segera fogging!",
  },
  {
    kind: "pengaduan",
    category: "pendidikan",
    urgency: "normal",
    text: "Atap SD negeri di {desa} bocor, kalau hujan anak-anak belajar sambil kena air. Sudah lapor sejak {duration} lalu",
  },
  {
    kind: "pengaduan",
    category: "pelayanan_publik",
    urgency: "tinggi",
    text: "Mengurus surat di kantor kecamatan {kecamatan} dimintai uang tambahan, katanya biar cepat. Ini pungli kan pak?",
  },
  {
    kind: "pengaduan",
    category: "ketertiban",
    urgency: "normal",
    text: "Banyak truk parkir sembarangan di {road} sampai macet tiap sore. Tolong ditertibkan",
  },
  {
    kind: "pengaduan",
    category: "ekonomi",
    urgency: "normal",
    text: "Harga gas elpiji 3 kg di {desa} sudah tembus 35 ribu, itu pun susah dicari. Tolong diawasi pangkalannya",
  },
  {
    kind: "aspirasi",
    category: "infrastruktur",
    urgency: "rendah",
    text: "Usul pak, jalan ke {desa} dibuat trotoar supaya anak sekolah aman jalan kaki. Terima kasih",
  },
  {
    kind: "aspirasi",
    category: "ekonomi",
    urgency: "rendah",
    text: "Mohon diadakan pelatihan UMKM untuk ibu-ibu di {desa}, banyak yang mau jualan online tapi belum paham",
  },
  {
    kind: "permohonan_informasi",
    category: "infrastruktur",
    urgency: "normal",
    text: "Saya mohon informasi anggaran perbaikan {road} tahun ini berapa dan siapa kontraktornya, sesuai UU KIP",
  },
  {
    kind: "permohonan_informasi",
    category: "sosial",
    urgency: "normal",
    text: "Mohon informasi daftar penerima bansos di desa {desa} tahun ini, boleh diminta salinannya?",
  },
  {
    kind: "apresiasi",
    category: "infrastruktur",
    urgency: "rendah",
    text: "Terima kasih Pemkab Sanggau, jalan di {desa} sudah mulus sekarang. Mantap, semoga dirawat terus",
  },
  {
    kind: "apresiasi",
    category: "pelayanan_publik",
    urgency: "rendah",
    text: "Pelayanan di Disdukcapil sekarang cepat sekali, KTP saya jadi sehari. Terima kasih banyak",
  },
  {
    kind: "lainnya",
    category: "lainnya",
    urgency: "rendah",
    text: "Promo pinjaman cepat cair tanpa jaminan, hubungi WA 0812-0000-0000. Dijamin sekali klik langsung cair",
  },
  {
    kind: "lainnya",
    category: "lainnya",
    urgency: "rendah",
    text: "Slot gacor hari ini maxwin, daftar sekarang link di bio",
  },
];

/** How people shorten words in comments; applied word by word, each with its own chance. */
const INFORMAL: readonly [RegExp, readonly string[]][] = [
  [/\bJalan\b/g, ["Jln", "Jl"]],
  [/\bjalan\b/g, ["jln", "jalan"]],
  [/\btidak\b/g, ["tdk", "gk", "ga"]],
  [/\byang\b/g, ["yg"]],
  [/\bsekali\b/g, ["bgt", "sekali", "bngt"]],
  [/\bsudah\b/g, ["udh", "sdh", "udah"]],
  [/\bTolong\b/g, ["Tlg", "Tolong"]],
  [/\btolong\b/g, ["tlg"]],
  [/\bkapan\b/g, ["kpn"]],
  [/\bKapan\b/g, ["Kpn"]],
  [/\bdengan\b/g, ["dgn"]],
  [/\bbelum\b/g, ["blm"]],
  [/\bsaja\b/g, ["aja"]],
  [/\bterima kasih\b/gi, ["makasih", "trims", "terimakasih"]],
  [/\bpak\b/gi, ["pak", "bpk"]],
];

export interface CitizenTextGenerator {
  next(channel?: "comment" | "mention" | "message"): CitizenText;
}

export function createCitizenTextGenerator(seed: number): CitizenTextGenerator {
  const random = createRandom(seed);
  return {
    next(channel = "comment") {
      const template = pick(random, TEMPLATES);
      const place = pick(random, PLACES);
      const author = randomAuthor(random);
      let text = template.text
        .replaceAll("{desa}", place.desa)
        .replaceAll("{kecamatan}", place.kecamatan)
        .replaceAll("{road}", pick(random, ROADS))
        .replaceAll("{duration}", pick(random, DURATIONS));
      if (chance(random, 0.7)) text = informalize(random, text);
      if (channel === "message" && chance(random, 0.5)) text = `Selamat siang admin. ${text}`;
      return {
        text,
        author,
        place: { ...place },
        expected: { kind: template.kind, category: template.category, urgency: template.urgency },
      };
    },
  };
}

function informalize(random: Random, text: string): string {
  let result = text;
  for (const [pattern, replacements] of INFORMAL) {
    result = result.replace(pattern, (word) => (chance(random, 0.6) ? pick(random, replacements) : word));
  }
  return chance(random, 0.3) ? result.toLowerCase() : result;
}

function randomAuthor(random: Random): CitizenAuthor {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const suffix = Math.floor(random() * 900 + 100);
  return { name: `${first} ${last}`, handle: `${first}${last}${suffix}`.toLowerCase() };
}
