import sharp from "sharp";
import type { Origin } from "@server/audit/record.js";
import { saveSiteDraft } from "@server/commands/siteEntries.js";
import { Prisma } from "@server/db/client.js";
import type { SiteEntryKind } from "@server/db/generated/enums.js";
import { storeUpload } from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import { CONTENT_SCHEMAS } from "@server/sites/content.js";

// The demo's unit sites: Kecamatan Kapuas and two of its desa with real-looking pages, potential
// and projects with (generated) photos, published and verified, so the sites are not empty.

const DAY = 86_400_000;

/** A small landscape picture drawn from an SVG: a sky, a field and a caption. */
async function demoPhoto(services: Services, origin: Origin, unitId: string, caption: string, hue: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320"><rect width="480" height="200" fill="hsl(${hue},60%,75%)"/><rect y="200" width="480" height="120" fill="hsl(${(hue + 80) % 360},45%,40%)"/><circle cx="400" cy="70" r="36" fill="#fdd835"/><text x="20" y="300" font-family="sans-serif" font-size="22" fill="#fff">${caption.replace(/[<&>]/g, "")}</text></svg>`;
  const body = await sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
  return (await storeUpload(services, origin, { unitId, mimeType: "image/jpeg", originalName: `${caption}.jpg`, body }))
    .id;
}

type DemoEntry = { kind: SiteEntryKind; content: Record<string, unknown>; daysAgo: number };

async function publish(services: Services, origin: Origin, unitId: string, verifierId: string, entry: DemoEntry) {
  const content = CONTENT_SCHEMAS[entry.kind].parse(entry.content);
  const saved = await saveSiteDraft(services, { origin, unitId, kind: entry.kind, content });
  const at = new Date(Date.now() - entry.daysAgo * DAY);
  await services.prisma.siteEntry.update({
    where: { id: saved.id },
    data: {
      published: content as Prisma.InputJsonValue,
      draft: Prisma.DbNull,
      status: "published",
      verifiedByUnitId: verifierId === unitId ? null : verifierId,
      verifiedAt: at,
      publishedAt: at,
      firstPublishedAt: at,
    },
  });
}

export async function seedDemoSites(services: Services, origin: Origin, unitIds: Map<string, string>): Promise<void> {
  const kapuas = unitIds.get("kec-kapuas")!;
  const mawang = unitIds.get("desa-sungai-mawang")!;
  const penyeladi = unitIds.get("desa-penyeladi")!;
  const photo = (unitId: string, caption: string, hue: number) => demoPhoto(services, origin, unitId, caption, hue);

  await publish(services, origin, kapuas, kapuas, {
    kind: "profile",
    daysAgo: 3,
    content: {
      history:
        "Kecamatan Kapuas berada di tepi Sungai Kapuas dan menjadi pusat pemerintahan Kabupaten Sanggau.\n\nWilayahnya mencakup kelurahan di kota Sanggau dan desa-desa di sepanjang sungai.",
      geography: "Dataran rendah di tepi Sungai Kapuas, dengan perkebunan karet dan sawit di bagian hulu.",
      visionMission: "Terwujudnya pelayanan kecamatan yang cepat, terbuka dan dekat dengan warga.",
      leaders: [
        { name: "Camat Kapuas", position: "Camat" },
        { name: "Sekretaris Kecamatan", position: "Sekcam" },
      ],
      address: "Jl. Jenderal Sudirman No. 1, Sanggau",
      hours: "Senin–Kamis 07.30–16.00, Jumat 07.30–11.00 WIB",
      phone: "(0564) 21000",
      email: "kec.kapuas@sanggau.demo",
      latitude: 0.1235,
      longitude: 110.5921,
      photos: [await photo(kapuas, "Kantor Camat Kapuas", 200)],
    },
  });

  await publish(services, origin, mawang, kapuas, {
    kind: "profile",
    daysAgo: 5,
    content: {
      history:
        "Desa Sungai Mawang tumbuh dari kampung nelayan di muara Sungai Mawang. Warganya kini hidup dari kebun karet, ikan sungai dan kerajinan tenun.",
      geography: "Luas wilayah 32 km², tiga dusun: Hilir, Tengah dan Hulu.",
      visionMission: "Desa mandiri yang menjaga sungai dan hasil kebunnya.",
      leaders: [
        { name: "Kepala Desa Sungai Mawang", position: "Kepala Desa" },
        { name: "Sekretaris Desa", position: "Sekdes" },
      ],
      address: "Jl. Raya Sungai Mawang, Dusun Tengah",
      hours: "Senin–Jumat 08.00–14.00 WIB",
      phone: "0812-5600-1234",
      latitude: 0.1402,
      longitude: 110.6107,
      photos: [await photo(mawang, "Balai Desa Sungai Mawang", 190)],
    },
  });
  await publish(services, origin, mawang, kapuas, {
    kind: "potential",
    daysAgo: 12,
    content: {
      category: "produk_unggulan",
      title: "Kain Tenun Ikat Sungai Mawang",
      description:
        "Tenun ikat motif Dayak dengan pewarna alami dari kulit kayu dan daun tarum, ditenun oleh kelompok perempuan desa.",
      makers: "Kelompok Tenun Mawang Lestari (ketua: Ibu Maria)",
      location: "Dusun Hulu",
      latitude: 0.1431,
      longitude: 110.6152,
      contact: "0813-4500-7788",
      products: [
        { name: "Kain tenun 2 m", price: 750_000, unit: "lembar" },
        { name: "Selendang tenun", price: 250_000, unit: "helai" },
      ],
      photos: [await photo(mawang, "Tenun ikat", 330)],
    },
  });
  const stage0 = await photo(mawang, "Jalan rabat 0%", 40);
  const stage60 = await photo(mawang, "Jalan rabat 60%", 60);
  await publish(services, origin, mawang, kapuas, {
    kind: "project",
    daysAgo: 4,
    content: {
      title: "Jalan Rabat Beton Dusun Hilir",
      location: "Dusun Hilir RT 03 – RT 05",
      latitude: 0.1388,
      longitude: 110.6071,
      budgetYear: 2026,
      funding: { danaDesa: 165_000_000, provinsi: 0, kabupaten: 30_000_000, swadaya: 5_000_000 },
      amount: 200_000_000,
      revisions: [{ date: "2026-07-01", amount: 200_000_000, note: "Tambahan swadaya warga" }],
      volume: "450 m × 3 m",
      executor: "TPK Desa Sungai Mawang",
      benefits: "Jalan kebun ke jalan kabupaten untuk 120 keluarga petani karet.",
      startDate: "2026-04-01",
      targetDate: "2026-09-30",
      progress: 60,
      status: "berjalan",
      stages: [
        { date: "2026-04-02", progress: 0, note: "Pembersihan lahan", photos: [stage0] },
        { date: "2026-06-15", progress: 60, note: "Pengecoran 270 m", photos: [stage60] },
      ],
    },
  });
  await publish(services, origin, mawang, kapuas, {
    kind: "budget",
    daysAgo: 20,
    content: {
      year: 2026,
      semester: 1,
      lines: [
        { group: "pendapatan", name: "Dana Desa", plan: 980_000_000, realisation: 588_000_000 },
        { group: "pendapatan", name: "Alokasi Dana Desa", plan: 420_000_000, realisation: 210_000_000 },
        { group: "belanja", name: "Pembangunan desa", plan: 760_000_000, realisation: 310_000_000 },
        { group: "belanja", name: "Pemberdayaan masyarakat", plan: 240_000_000, realisation: 96_000_000 },
      ],
    },
  });

  await publish(services, origin, penyeladi, kapuas, {
    kind: "profile",
    daysAgo: 9,
    content: {
      history: "Desa Penyeladi dikenal dengan kebun lada dan danau kecil yang menjadi tempat wisata keluarga.",
      address: "Jl. Penyeladi Raya, Dusun Pasar",
      latitude: 0.1012,
      longitude: 110.5803,
      photos: [await photo(penyeladi, "Desa Penyeladi", 150)],
    },
  });
  await publish(services, origin, penyeladi, kapuas, {
    kind: "potential",
    daysAgo: 15,
    content: {
      category: "wisata",
      title: "Danau Penyeladi",
      description: "Danau alami dengan jalur jalan kaki dan dermaga perahu, ramai saat akhir pekan.",
      makers: "Pokdarwis Penyeladi Asri",
      location: "Dusun Danau",
      latitude: 0.0987,
      longitude: 110.5755,
      contact: "0852-4500-9900",
      photos: [await photo(penyeladi, "Danau Penyeladi", 210)],
    },
  });
  await publish(services, origin, penyeladi, kapuas, {
    kind: "project",
    daysAgo: 9,
    content: {
      title: "Sumur Bor Air Bersih Dusun Pasar",
      location: "Dusun Pasar",
      budgetYear: 2026,
      funding: { danaDesa: 85_000_000, provinsi: 0, kabupaten: 0, swadaya: 0 },
      amount: 85_000_000,
      volume: "2 titik",
      executor: "TPK Desa Penyeladi",
      benefits: "Air bersih untuk 60 keluarga.",
      startDate: "2026-05-01",
      targetDate: "2026-07-31",
      progress: 100,
      status: "selesai",
      stages: [
        {
          date: "2026-07-28",
          progress: 100,
          note: "Serah terima",
          photos: [await photo(penyeladi, "Sumur bor 100%", 100)],
        },
      ],
    },
  });
}
