import type pg from "pg";

// A DIP of `count` entries written straight into PostgreSQL, as a kabupaten's PPID network keeps
// over the years: entries of every unit and desa body, mostly published, a few excepted (some
// exceptions over), each with one document of one to three versions. Titles and summaries are
// built from the words such lists use, so that a search matches few or many entries as it would.

const BATCH = 10_000;

const SUBJECTS = [
  "Laporan Keuangan",
  "Laporan Realisasi Anggaran",
  "Rencana Kerja",
  "Rencana Strategis",
  "Laporan Kinerja",
  "Daftar Pelaksanaan Anggaran",
  "Profil",
  "Standar Operasional Prosedur",
  "Daftar Aset",
  "Rekapitulasi Bantuan Sosial",
  "Data Penduduk",
  "Jadwal Pelayanan",
  "Daftar Paket Pekerjaan Jalan",
  "Pemeliharaan Jembatan",
  "Pengadaan Barang dan Jasa",
  "Peraturan Desa",
  "APBDes",
  "Laporan BUM Desa",
  "Notulen Musyawarah Desa",
  "Peringatan Dini Banjir",
  "Kajian Lingkungan",
  "Data Sekolah",
  "Cakupan Imunisasi",
  "Perizinan Usaha",
  "Retribusi Pasar",
];
const PLACES = [
  "Kecamatan Kapuas",
  "Kecamatan Tayan Hulu",
  "Kecamatan Balai",
  "Kecamatan Sekayam",
  "Kecamatan Mukok",
  "Desa Sungai Mawang",
  "Desa Penyeladi",
  "Desa Sosok",
  "Desa Binjai",
  "Kelurahan Beringin",
  "Kabupaten Sanggau",
];
const PERIODS = ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Semester I", "Semester II", "Tahunan"];
const OFFICIALS = ["Sekretaris", "Kepala Bidang", "Kepala Seksi", "Kepala Sub Bagian Keuangan", "Kepala Desa", "Camat"];

const literal = (values: string[]) => `ARRAY[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(",")}]`;

/** Loads `count` entries with their documents and versions; returns how many rows of each were written. */
export async function loadDipItems(
  db: pg.Pool,
  count: number,
): Promise<{ items: number; files: number; versions: number }> {
  const units = (await db.query<{ id: string }>(`SELECT "id" FROM "Unit" WHERE "active" ORDER BY "path"`)).rows.map(
    (row) => row.id,
  );
  for (let from = 0; from < count; from += BATCH) {
    const to = Math.min(count, from + BATCH) - 1;
    // One statement per batch: entries, then one document each, then one to three versions.
    await db.query(
      `WITH n AS (SELECT g, gen_random_uuid() AS id FROM generate_series($1::int, $2::int) AS g),
      items AS (
        INSERT INTO "DipItem" ("id", "unitId", "class", "title", "summary", "responsibleOfficial", "madeOn", "year",
          "period", "formats", "retention", "exemptionLetter", "consequenceTest", "exemptionEndsAt", "status",
          "publishedAt", "createdAt", "updatedAt")
        SELECT n.id,
          ($3::uuid[])[1 + (g * 7919) % cardinality($3::uuid[])],
          c.class::"DipClass",
          s.subject || ' ' || p.place || ' ' || y.year,
          'Ringkasan ' || lower(s.subject) || ' ' || p.place || ' untuk ' || per.period || ' ' || y.year || ', nomor ' || g,
          o.official || ' ' || p.place,
          make_date(y.year, 1 + g % 12, 1 + g % 28), y.year, per.period || ' ' || y.year,
          ARRAY['softcopy', 'hardcopy']::"DipFormat"[], '5 tahun',
          CASE WHEN c.class = 'dikecualikan' THEN 'h' END,
          CASE WHEN c.class = 'dikecualikan' THEN 'Membuka data ini mengungkap rahasia pribadi.' END,
          CASE WHEN c.class = 'dikecualikan' THEN now() + ((g % 2000) - 500) * interval '1 day' END,
          CASE WHEN g % 50 = 0 THEN 'draft' WHEN g % 50 = 1 THEN 'withdrawn' ELSE 'published' END::"DipStatus",
          CASE WHEN g % 50 = 0 THEN NULL ELSE now() - (g % 1825) * interval '1 day' - (g % 1440) * interval '1 minute' END,
          now() - (g % 1825) * interval '1 day', now() - (g % 1825) * interval '1 day'
        FROM n
        CROSS JOIN LATERAL (SELECT (${literal(SUBJECTS)})[1 + (g * 31) % ${SUBJECTS.length}] AS subject) s
        CROSS JOIN LATERAL (SELECT (${literal(PLACES)})[1 + (g * 17) % ${PLACES.length}] AS place) p
        CROSS JOIN LATERAL (SELECT (${literal(PERIODS)})[1 + g % ${PERIODS.length}] AS period) per
        CROSS JOIN LATERAL (SELECT (${literal(OFFICIALS)})[1 + g % ${OFFICIALS.length}] AS official) o
        CROSS JOIN LATERAL (SELECT 2021 + g % 6 AS year) y
        CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 = 0 THEN 'dikecualikan' WHEN g % 10 < 5 THEN 'berkala'
          WHEN g % 10 < 9 THEN 'setiap_saat' ELSE 'serta_merta' END AS class) c
        RETURNING "id", "title"),
      files AS (
        INSERT INTO "DipFile" ("id", "itemId", "purpose", "name")
        SELECT gen_random_uuid(), items."id", 'information', items."title" FROM items
        RETURNING "id", "itemId")
      INSERT INTO "DipFileVersion" ("id", "fileId", "version", "mimeType", "bytes", "sha256", "storageKey", "originalName")
      SELECT gen_random_uuid(), files."id", v, 'application/pdf', 120000 + v * 1000, md5(files."id"::text || v),
        files."id"::text || '-' || v || '.pdf', 'dokumen-' || v || '.pdf'
      FROM files CROSS JOIN LATERAL generate_series(1, 1 + (hashtext(files."id"::text) & 1)) AS v`,
      [from, to, units],
    );
  }
  await db.query(`ANALYZE "DipItem"; ANALYZE "DipFile"; ANALYZE "DipFileVersion"`);
  const counts = await db.query<{ items: string; files: string; versions: string }>(
    `SELECT (SELECT count(*) FROM "DipItem") AS items, (SELECT count(*) FROM "DipFile") AS files,
      (SELECT count(*) FROM "DipFileVersion") AS versions`,
  );
  const row = counts.rows[0]!;
  return { items: Number(row.items), files: Number(row.files), versions: Number(row.versions) };
}
