import PDFDocument from "pdfkit";
import { recordAudit, type Origin } from "@server/audit/record.js";
import type { DipBody, DipClass } from "@server/db/generated/enums.js";
import type { ExemptionLetter } from "@server/ppid/dip/codes.js";
import { startOfDayIn } from "@server/ppid/dip/dates.js";
import { writeDipFile } from "@server/ppid/dip/files.js";
import type { Services } from "@server/services.js";

// The demo's DIP and PPID profiles: a believable list for Kominfo (PPID Utama), PUPR and
// Kecamatan Kapuas (PPID Pelaksana) and the bodies of Desa Sungai Mawang, across every class,
// each document a small generated PDF, so that /ppid and /ppid/dip are not empty on first start.

type EntrySeed = {
  unitCode: string;
  body?: DipBody;
  class: DipClass;
  title: string;
  summary: string;
  responsibleOfficial: string;
  madeOn: string;
  period?: string;
  retention: string;
  document?: string;
  exemption?: { letter: ExemptionLetter; test: string; endsOn: string };
};

const TEST_PERSONAL =
  "Membuka data ini mengungkap nama, NIK dan alamat penerima beserta kondisi sosial ekonominya, yang merupakan rahasia pribadi. Kerugian bagi penerima (stigma, penyalahgunaan identitas) lebih besar daripada manfaat membukanya; data agregat per desa tetap diumumkan.";

const ENTRIES: EntrySeed[] = [
  {
    unitCode: "dinas-kominfo",
    class: "berkala",
    title: "Rencana Strategis Dinas Kominfo 2025–2029",
    summary: "Tujuan, sasaran, program dan indikator kinerja Dinas Komunikasi dan Informatika untuk lima tahun.",
    responsibleOfficial: "Sekretaris Dinas Kominfo",
    madeOn: "2025-03-14",
    period: "2025–2029",
    retention: "Selama berlaku",
    document: "renstra-kominfo-2025-2029.pdf",
  },
  {
    unitCode: "dinas-kominfo",
    class: "berkala",
    title: "Laporan Kinerja Instansi Pemerintah (LKjIP) 2025",
    summary: "Capaian kinerja Dinas Kominfo tahun 2025 dibandingkan target Rencana Kerja.",
    responsibleOfficial: "Kepala Sub Bagian Perencanaan dan Keuangan",
    madeOn: "2026-02-20",
    period: "Tahun 2025",
    retention: "5 tahun",
    document: "lkjip-kominfo-2025.pdf",
  },
  {
    unitCode: "dinas-kominfo",
    class: "berkala",
    title: "Ringkasan Daftar Pelaksanaan Anggaran (DPA) 2026",
    summary: "Pagu anggaran per program dan kegiatan Dinas Kominfo tahun anggaran 2026.",
    responsibleOfficial: "Kepala Sub Bagian Perencanaan dan Keuangan",
    madeOn: "2026-01-08",
    period: "Tahun Anggaran 2026",
    retention: "5 tahun",
    document: "dpa-kominfo-2026.pdf",
  },
  {
    unitCode: "dinas-kominfo",
    class: "setiap_saat",
    title: "Standar Operasional Prosedur Layanan Informasi Publik",
    summary: "Prosedur permohonan informasi, keberatan, dan pendokumentasian informasi di PPID Kabupaten Sanggau.",
    responsibleOfficial: "PPID Utama Kabupaten Sanggau",
    madeOn: "2024-06-03",
    retention: "Selama berlaku",
    document: "sop-layanan-informasi.pdf",
  },
  {
    unitCode: "dinas-kominfo",
    class: "setiap_saat",
    title: "Daftar Aset dan Inventaris Dinas Kominfo",
    summary: "Daftar barang milik daerah yang dikelola Dinas Kominfo per 31 Desember 2025.",
    responsibleOfficial: "Pengurus Barang Dinas Kominfo",
    madeOn: "2026-01-15",
    period: "Per 31 Desember 2025",
    retention: "5 tahun",
  },
  {
    unitCode: "dinas-kominfo",
    class: "serta_merta",
    title: "Peringatan Dini Banjir Sungai Kapuas",
    summary:
      "Informasi kenaikan muka air Sungai Kapuas, daerah terdampak dan jalur evakuasi bagi warga Kecamatan Kapuas dan sekitarnya.",
    responsibleOfficial: "Kepala Dinas Kominfo bersama BPBD",
    madeOn: "2026-11-02",
    retention: "1 tahun",
    document: "peringatan-banjir-kapuas.pdf",
  },
  {
    unitCode: "dinas-kominfo",
    class: "dikecualikan",
    title: "Data Pribadi Penerima Bantuan Sosial",
    summary: "Nama, NIK dan alamat penerima bantuan sosial per desa.",
    responsibleOfficial: "PPID Utama Kabupaten Sanggau",
    madeOn: "2026-01-20",
    retention: "5 tahun",
    exemption: { letter: "h", test: TEST_PERSONAL, endsOn: "2031-01-01" },
  },
  {
    unitCode: "dinas-kominfo",
    class: "dikecualikan",
    title: "Kajian Keamanan Jaringan Pusat Data Daerah 2024",
    summary: "Hasil uji penetrasi dan celah keamanan jaringan pusat data pemerintah daerah.",
    responsibleOfficial: "Kepala Bidang Persandian dan Keamanan Informasi",
    madeOn: "2024-08-12",
    retention: "3 tahun",
    document: "kajian-keamanan-2024.pdf",
    exemption: {
      letter: "j",
      test: "Celah keamanan yang belum ditutup dapat dimanfaatkan untuk menyerang layanan publik. Setelah perbaikan selesai dan diverifikasi, kajian dapat dibuka.",
      endsOn: "2025-12-31",
    },
  },
  {
    unitCode: "dinas-pupr",
    class: "berkala",
    title: "Daftar Paket Pekerjaan Jalan dan Jembatan 2026",
    summary: "Paket pekerjaan konstruksi jalan dan jembatan tahun anggaran 2026: lokasi, nilai pagu, dan jadwal.",
    responsibleOfficial: "Kepala Bidang Bina Marga",
    madeOn: "2026-01-30",
    period: "Tahun Anggaran 2026",
    retention: "5 tahun",
    document: "paket-jalan-jembatan-2026.pdf",
  },
  {
    unitCode: "dinas-pupr",
    class: "berkala",
    title: "Laporan Realisasi Fisik dan Keuangan Triwulan III 2026",
    summary: "Kemajuan fisik dan penyerapan anggaran kegiatan Dinas PUPR sampai akhir September 2026.",
    responsibleOfficial: "Kepala Sub Bagian Program",
    madeOn: "2026-10-10",
    period: "Triwulan III 2026",
    retention: "5 tahun",
    document: "realisasi-tw3-2026.pdf",
  },
  {
    unitCode: "dinas-pupr",
    class: "setiap_saat",
    title: "Dokumen Kontrak Rehabilitasi Jembatan Sungai Sekayam",
    summary: "Kontrak, adendum dan berita acara serah terima pekerjaan rehabilitasi jembatan.",
    responsibleOfficial: "Pejabat Pembuat Komitmen Bidang Bina Marga",
    madeOn: "2025-07-21",
    retention: "10 tahun",
  },
  {
    unitCode: "kec-kapuas",
    class: "berkala",
    title: "Profil Kecamatan Kapuas 2026",
    summary: "Luas wilayah, jumlah penduduk per desa/kelurahan, sarana pendidikan dan kesehatan.",
    responsibleOfficial: "Sekretaris Kecamatan Kapuas",
    madeOn: "2026-02-02",
    period: "Tahun 2026",
    retention: "Selama berlaku",
    document: "profil-kecamatan-kapuas-2026.pdf",
  },
  {
    unitCode: "kec-kapuas",
    class: "setiap_saat",
    title: "Jadwal dan Persyaratan Layanan Administrasi Kecamatan",
    summary: "Persyaratan dan waktu layanan surat pengantar, rekomendasi izin dan legalisasi.",
    responsibleOfficial: "Kepala Seksi Pelayanan Umum",
    madeOn: "2025-09-01",
    retention: "Selama berlaku",
    document: "layanan-administrasi-kapuas.pdf",
  },
  {
    unitCode: "desa-sungai-mawang",
    body: "pemerintah_desa",
    class: "berkala",
    title: "APBDes Sungai Mawang 2026",
    summary: "Pendapatan, belanja dan pembiayaan desa tahun anggaran 2026.",
    responsibleOfficial: "Kepala Desa Sungai Mawang",
    madeOn: "2026-01-12",
    period: "Tahun Anggaran 2026",
    retention: "5 tahun",
    document: "apbdes-sungai-mawang-2026.pdf",
  },
  {
    unitCode: "desa-sungai-mawang",
    body: "bpd",
    class: "berkala",
    title: "Notulen Musyawarah Desa Perencanaan Pembangunan 2027",
    summary: "Usulan prioritas pembangunan desa yang disepakati dalam musyawarah desa.",
    responsibleOfficial: "Ketua BPD Sungai Mawang",
    madeOn: "2026-07-18",
    period: "RKPDes 2027",
    retention: "5 tahun",
    document: "notulen-musdes-2027.pdf",
  },
  {
    unitCode: "desa-sungai-mawang",
    body: "bum_desa",
    class: "berkala",
    title: "Laporan Keuangan BUM Desa Mawang Sejahtera 2025",
    summary: "Neraca, laba rugi dan pembagian hasil usaha BUM Desa tahun buku 2025.",
    responsibleOfficial: "Direktur BUM Desa Mawang Sejahtera",
    madeOn: "2026-03-05",
    period: "Tahun Buku 2025",
    retention: "10 tahun",
    document: "laporan-bumdes-2025.pdf",
  },
];

const PROFILES: Record<
  string,
  { about: string; serviceStandard: string; serviceHours: string; address: string; phone: string; email: string }
> = {
  "dinas-kominfo": {
    about:
      "PPID Utama Pemerintah Kabupaten Sanggau berkedudukan di Dinas Komunikasi dan Informatika. PPID Utama mengoordinasikan PPID Pelaksana di setiap perangkat daerah dan kecamatan, menyusun Daftar Informasi Publik, dan melayani permohonan informasi masyarakat.",
    serviceStandard:
      "Pemberitahuan tertulis paling lambat 10 hari kerja sejak permohonan diterima (dapat diperpanjang 7 hari kerja). Layanan tanpa biaya; biaya penggandaan sesuai ketentuan. Informasi diberikan langsung, melalui email, atau pos.",
    serviceHours:
      "Senin–Kamis 07.30–16.00 WIB, Jumat 07.30–16.30 WIB (istirahat 12.00–13.00). Permohonan daring diterima setiap saat.",
    address: "Jalan Jenderal Sudirman No. 1, Sanggau, Kalimantan Barat 78511",
    phone: "(0564) 21001",
    email: "informasi@sanggau.demo",
  },
  "dinas-pupr": {
    about:
      "PPID Pelaksana Dinas Pekerjaan Umum dan Penataan Ruang melayani informasi tentang pembangunan jalan, jembatan, irigasi dan tata ruang.",
    serviceStandard: "Mengikuti standar layanan PPID Kabupaten Sanggau.",
    serviceHours: "Senin–Jumat 08.00–15.00 WIB.",
    address: "Jalan Ahmad Yani No. 12, Sanggau",
    phone: "(0564) 21050",
    email: "informasi.pupr@sanggau.demo",
  },
  "kec-kapuas": {
    about: "PPID Pelaksana Kecamatan Kapuas melayani informasi kecamatan dan membina PPID desa di wilayahnya.",
    serviceStandard: "Mengikuti standar layanan PPID Kabupaten Sanggau.",
    serviceHours: "Senin–Jumat 08.00–14.00 WIB.",
    address: "Jalan Kantor Camat No. 3, Kapuas, Sanggau",
    phone: "(0564) 22010",
    email: "informasi.kapuas@sanggau.demo",
  },
};

function renderPdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text(title);
  doc.moveDown().fontSize(11);
  for (const line of lines) doc.text(line).moveDown(0.5);
  doc.end();
  return done;
}

/** Seeds the demo DIP and PPID profiles; called once, with the demo organisation. */
export async function seedDemoDip(services: Services, unitIds: Map<string, string>, origin: Origin): Promise<void> {
  for (const [code, profile] of Object.entries(PROFILES)) {
    await services.prisma.ppidProfile.create({
      data: {
        unitId: unitIds.get(code)!,
        ...profile,
        requestProcedure: REQUEST_PROCEDURE,
        objectionProcedure: OBJECTION_PROCEDURE,
      },
    });
  }
  for (const entry of ENTRIES) {
    const unitId = unitIds.get(entry.unitCode)!;
    const written = entry.document
      ? await writeDipFile(services, {
          mimeType: "application/pdf",
          originalName: entry.document,
          body: await renderPdf(entry.title, [
            entry.summary,
            `Penanggung jawab: ${entry.responsibleOfficial}`,
            "Dokumen contoh untuk demo Siar.",
          ]),
        })
      : null;
    await services.prisma.$transaction(async (tx) => {
      const item = await tx.dipItem.create({
        data: {
          unitId,
          body: entry.body ?? null,
          class: entry.class,
          title: entry.title,
          summary: entry.summary,
          responsibleOfficial: entry.responsibleOfficial,
          madeOn: new Date(entry.madeOn),
          year: Number(entry.madeOn.slice(0, 4)),
          period: entry.period ?? null,
          formats: ["softcopy", "hardcopy"],
          retention: entry.retention,
          exemptionLetter: entry.exemption?.letter ?? null,
          consequenceTest: entry.exemption?.test ?? null,
          exemptionEndsAt: entry.exemption ? startOfDayIn(entry.exemption.endsOn, "Asia/Jakarta") : null,
          status: "published",
          publishedAt: new Date(`${entry.madeOn}T09:00:00+07:00`),
          files: written
            ? {
                create: {
                  name: entry.title,
                  versions: {
                    create: {
                      version: 1,
                      mimeType: written.mimeType,
                      bytes: written.bytes,
                      sha256: written.sha256,
                      storageKey: written.storageKey,
                      originalName: written.originalName,
                    },
                  },
                },
              }
            : undefined,
        },
      });
      await recordAudit(tx, origin, {
        action: "dip_item.create",
        targetType: "DipItem",
        targetId: item.id,
        unitId,
        changes: { title: entry.title, class: entry.class, status: "published" },
      });
    });
  }
}

const REQUEST_PROCEDURE =
  "1. Isi formulir permohonan informasi di situs ini atau datang ke meja layanan PPID dengan membawa KTP (perorangan) atau akta pendirian (badan hukum).\n2. Simpan nomor pendaftaran dan tanda bukti penerimaan.\n3. PPID memberikan pemberitahuan tertulis paling lambat 10 hari kerja, dapat diperpanjang paling lama 7 hari kerja.";
const OBJECTION_PROCEDURE =
  "Bila permohonan ditolak, tidak ditanggapi, atau dijawab tidak sebagaimana diminta, ajukan keberatan kepada atasan PPID paling lambat 30 hari kerja sejak alasan itu ada. Atasan PPID menjawab dalam 30 hari kerja; bila tidak puas, Anda dapat mengajukan sengketa ke Komisi Informasi Provinsi Kalimantan Barat dalam 14 hari kerja.";
