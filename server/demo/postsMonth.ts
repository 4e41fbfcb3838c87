/**
 * A month of announcements for the demo: published on the website and the simulated channels
 * with their engagement, a few scheduled for the coming days (the calendar), a few still in
 * review or draft. Marked demo like the inbox's month.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@server/db/client.js";
import type { PostStatus } from "@server/db/generated/enums.js";
import { pick, type Random } from "@server/sandbox/random.js";
import type { Services } from "@server/services.js";

const DAY = 24 * 3600_000;
const ANNOUNCEMENTS: { title: string; body: string; unitCode: string }[] = [
  {
    title: "Jadwal perekaman KTP-el keliling bulan ini",
    body: "Disdukcapil membuka perekaman KTP-el keliling di setiap kecamatan. Bawa fotokopi KK.",
    unitCode: "disdukcapil",
  },
  {
    title: "Perbaikan jalan poros Sungai Mawang dimulai",
    body: "Dinas PUPR mulai memperbaiki jalan poros Sungai Mawang. Mohon berhati-hati saat melintas.",
    unitCode: "dinas-pupr",
  },
  {
    title: "Imunisasi anak di posyandu",
    body: "Bulan imunisasi anak: datangi posyandu terdekat dengan membawa buku KIA.",
    unitCode: "dinas-kesehatan",
  },
  {
    title: "Waspada banjir musim hujan",
    body: "BPBD mengimbau warga bantaran sungai Kapuas menyiapkan tas siaga dan memantau informasi resmi.",
    unitCode: "bpbd",
  },
  {
    title: "Pendaftaran beasiswa pelajar berprestasi",
    body: "Pendaftaran beasiswa pelajar berprestasi dibuka sampai akhir bulan di Dinas Pendidikan.",
    unitCode: "dinas-pendidikan",
  },
  {
    title: "Jadwal pengangkutan sampah baru",
    body: "Mulai pekan depan sampah rumah tangga diangkut setiap Senin, Rabu dan Jumat.",
    unitCode: "dinas-lh",
  },
  {
    title: "Penyaluran bantuan sosial tahap ini",
    body: "Penyaluran bansos tahap ini dilakukan di kantor desa masing-masing. Bawa KTP dan KK.",
    unitCode: "dinas-sosial",
  },
  {
    title: "Pelayanan kecamatan pada hari Sabtu",
    body: "Kantor Kecamatan Kapuas membuka layanan administrasi setiap Sabtu pukul 08.00–12.00.",
    unitCode: "kec-kapuas",
  },
  {
    title: "Operasi pasar murah menjelang hari raya",
    body: "Operasi pasar murah digelar di Pasar Sanggau. Beras, minyak goreng dan gula tersedia.",
    unitCode: "dinas-kominfo",
  },
  {
    title: "Penertiban parkir liar di pusat kota",
    body: "Satpol PP menertibkan parkir liar di sekitar pasar. Gunakan kantong parkir resmi.",
    unitCode: "satpol-pp",
  },
];

/** Returns how many posts were made. */
export async function seedDemoPosts(
  services: Services,
  { random, now }: { random: Random; now: Date },
): Promise<number> {
  const { prisma } = services;
  const units = new Map(
    (await prisma.unit.findMany({ select: { id: true, code: true, type: true } })).map((unit) => [unit.code, unit]),
  );
  const author = await prisma.user.findFirst({ where: { role: "humas", active: true }, select: { id: true } });
  const channels = await prisma.channel.findMany({ select: { id: true, kind: true } });
  if (!author) return 0;
  const posts: Prisma.PostCreateManyInput[] = [];
  const deliveries: Prisma.DeliveryCreateManyInput[] = [];
  const engagement: Prisma.DeliveryEngagementCreateManyInput[] = [];
  // Two a day for the month gone, then the week to come and a few unfinished.
  const plan: { at: Date; status: PostStatus }[] = [
    ...Array.from({ length: 40 }, (_, i) => ({
      at: new Date(now.getTime() - (i * 0.75 + random() * 0.5) * DAY),
      status: "published" as const,
    })),
    ...Array.from({ length: 6 }, (_, i) => ({
      at: new Date(now.getTime() + (i + 1) * DAY),
      status: "scheduled" as const,
    })),
    { at: now, status: "in_review" },
    { at: now, status: "draft" },
  ];
  for (const { at, status } of plan) {
    const announcement = pick(random, ANNOUNCEMENTS);
    const id = randomUUID();
    const published = status === "published";
    const unit = units.get(announcement.unitCode) ?? units.get("dinas-kominfo")!;
    posts.push({
      id,
      unitId: unit.id,
      // A kecamatan's announcements are news on its own site too.
      siteUnitId: unit.type === "kecamatan" ? unit.id : null,
      authorId: author.id,
      title: announcement.title,
      body: announcement.body,
      hashtags: ["Sanggau"],
      slug: `demo-${randomBytes(5).toString("hex")}`,
      status,
      scheduledAt: status === "scheduled" ? at : null,
      publishedAt: published ? at : null,
      demo: true,
      createdAt: published ? new Date(at.getTime() - 3600_000) : now,
    });
    if (!published && status !== "scheduled") continue;
    for (const channel of channels) {
      const deliveryId = randomUUID();
      // No remote id: the engagement job leaves these alone (the simulated platforms never saw them).
      deliveries.push({
        id: deliveryId,
        postId: id,
        channelId: channel.id,
        status: published ? "published" : "pending",
        nextAttemptAt: published ? null : at,
        publishedAt: published ? at : null,
      });
      if (published && channel.kind !== "website")
        engagement.push({
          deliveryId,
          reactions: Math.floor(random() * 300),
          comments: Math.floor(random() * 40),
          shares: Math.floor(random() * 25),
          views: channel.kind === "wordpress" ? null : Math.floor(1000 + random() * 9000),
          fetchedAt: now,
        });
    }
  }
  await prisma.$transaction(async (tx) => {
    await tx.post.createMany({ data: posts });
    await tx.delivery.createMany({ data: deliveries });
    await tx.deliveryEngagement.createMany({ data: engagement });
  });
  return posts.length;
}
