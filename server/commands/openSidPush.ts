import { recordAudit, type Origin } from "@server/audit/record.js";
import { saveSiteDraft } from "./siteEntries.js";
import type { SiteEntry } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { storeUpload } from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import { type ContentOf, projectContent, readContent } from "@server/sites/content.js";
import { storeSiteDocument } from "@server/sites/documents.js";
import { parseCsv } from "@server/sites/opendk/csv.js";
import { assertPushedDesaCode, type PushDesa } from "@server/sites/opendk/desaCode.js";

// What an OpenSID push brings, turned into site entries of the desa that owns the token. Every
// pushed change is a draft sent for the kecamatan's review, like an operator's.

type PushServices = Pick<
  Services,
  | "prisma"
  | "config"
  | "hasher"
  | "events"
  | "logger"
  | "secretBox"
  | "db"
  | "sandbox"
  | "metaWebhook"
  | "pageCache"
  | "prometheus"
  | "jobRuns"
>;

const IMAGE_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};
const number = (value: string | undefined) => {
  const parsed = Number.parseFloat((value ?? "").replace(/[^\d.-]/g, ""));
  return Number.isFinite(parsed) && parsed >= 0 ? Math.round(parsed) : 0;
};
const today = () => new Date().toISOString().slice(0, 10);
const dayOf = (value: string | undefined) => (/^\d{4}-\d{2}-\d{2}/.test(value ?? "") ? value!.slice(0, 10) : today());

export const pushOrigin = (desa: PushDesa): Origin => ({ actor: null, label: `OpenSID ${desa.name}` });

/** Stores a photo the archive carries under `name`; null when there is none or it is not an image. */
async function pushedPhoto(
  services: PushServices,
  desa: PushDesa,
  files: Map<string, Buffer>,
  name: string | undefined,
) {
  const body = name ? files.get(name.split(/[\\/]/).pop()!) : undefined;
  const mimeType = IMAGE_TYPES[name?.split(".").pop()?.toLowerCase() ?? ""];
  if (!body || !mimeType) return null;
  try {
    return (await storeUpload(services, pushOrigin(desa), { unitId: desa.id, mimeType, originalName: name!, body })).id;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

async function existingProject(services: PushServices, desa: PushDesa, id: string) {
  const entry = await services.prisma.siteEntry.findUnique({
    where: { unitId_kind_entryKey: { unitId: desa.id, kind: "project", entryKey: `opensid:${id}` } },
  });
  return entry ? (readContent("project", entry.draft) ?? readContent("project", entry.published)) : null;
}

/** OpenDK's /pembangunan: a CSV of projects (desa_id, id, judul, lokasi, anggaran, sumber_biaya_*...) and their photos. */
export async function importProjects(
  services: PushServices,
  desa: PushDesa,
  files: Map<string, Buffer>,
): Promise<SiteEntry[]> {
  const rows = csvOf(files);
  assertPushedDesaCode(
    desa,
    rows.map((row) => row.desa_id),
  );
  const saved: SiteEntry[] = [];
  for (const row of rows) {
    if (!row.id || !row.judul) continue;
    const before = await existingProject(services, desa, row.id);
    const photo = await pushedPhoto(services, desa, files, row.foto);
    const amount = number(row.anggaran);
    const revised = number(row.perubahan_anggaran);
    const content = projectContent.parse({
      ...(before ?? {}),
      title: row.judul.slice(0, 200),
      location: [row.lokasi, row.keterangan].filter(Boolean).join(" — ").slice(0, 500),
      budgetYear: Math.min(2099, Math.max(2000, number(row.tahun_anggaran) || new Date().getFullYear())),
      funding: {
        danaDesa: number(row.sumber_biaya_pemerintah),
        provinsi: number(row.sumber_biaya_provinsi),
        kabupaten: number(row.sumber_biaya_kab_kota),
        swadaya: number(row.sumber_biaya_swadaya),
      },
      amount,
      revisions:
        revised > 0 && revised !== amount
          ? [{ date: today(), amount: revised, note: "Perubahan anggaran (OpenSID)" }]
          : [],
      volume: (row.volume ?? "").slice(0, 200),
      executor: (row.pelaksana_kegiatan ?? "").slice(0, 200),
      benefits: (row.manfaat ?? "").slice(0, 5000),
      photos: photo ? [photo] : (before?.photos ?? []),
    });
    saved.push(await saveProject(services, desa, row.id, content));
  }
  return saved;
}

/** OpenDK's /pembangunan/dokumentasi: progress reports (id, id_pembangunan, gambar, persentase, keterangan, created_at). */
export async function importProgress(
  services: PushServices,
  desa: PushDesa,
  files: Map<string, Buffer>,
): Promise<SiteEntry[]> {
  const rows = csvOf(files);
  assertPushedDesaCode(
    desa,
    rows.map((row) => row.desa_id),
  );
  const byProject = new Map<string, Record<string, string>[]>();
  for (const row of rows)
    if (row.id_pembangunan) byProject.set(row.id_pembangunan, [...(byProject.get(row.id_pembangunan) ?? []), row]);
  const saved: SiteEntry[] = [];
  for (const [projectId, reports] of byProject) {
    const before = await existingProject(services, desa, projectId);
    if (!before) continue;
    const stages = [...before.stages];
    for (const report of reports) {
      const photo = await pushedPhoto(services, desa, files, report.gambar);
      const stage = {
        date: dayOf(report.created_at),
        progress: Math.min(100, number(report.persentase)),
        note: (report.keterangan ?? "").slice(0, 1000),
        photos: photo ? [photo] : [],
        key: `opensid:${report.id}`,
      };
      const at = stages.findIndex((existing) => existing.key === stage.key);
      if (at >= 0) stages[at] = stage;
      else stages.push(stage);
    }
    stages.sort((a, b) => a.date.localeCompare(b.date) || a.progress - b.progress);
    const progress = Math.max(before.progress, ...stages.map((stage) => stage.progress));
    const status: ContentOf<"project">["status"] =
      progress >= 100 ? "selesai" : progress > 0 ? "berjalan" : before.status;
    saved.push(
      await saveProject(services, desa, projectId, { ...before, stages: stages.slice(-50), progress, status }),
    );
  }
  return saved;
}

function saveProject(services: PushServices, desa: PushDesa, id: string, content: ContentOf<"project">) {
  return saveSiteDraft(services, {
    origin: pushOrigin(desa),
    unitId: desa.id,
    kind: "project",
    content,
    submit: true,
    source: "opensid",
    entryKey: `opensid:${id}`,
  });
}

export type ApbdesReport = {
  id: number;
  judul: string;
  tahun: number;
  semester: number;
  nama_file: string;
  file: string;
};

/** OpenDK's /laporan-apbdes: each report's PDF becomes the file of that year's and semester's budget entry. */
export async function importBudgetReports(
  services: PushServices,
  desa: PushDesa,
  reports: ApbdesReport[],
): Promise<SiteEntry[]> {
  const saved: SiteEntry[] = [];
  for (const report of reports) {
    const document = await storeSiteDocument(services, pushOrigin(desa), {
      unitId: desa.id,
      name: report.nama_file,
      body: Buffer.from(report.file, "base64"),
    });
    const key = `${report.tahun}-${report.semester}`;
    const entry = await services.prisma.siteEntry.findUnique({
      where: { unitId_kind_entryKey: { unitId: desa.id, kind: "budget", entryKey: key } },
    });
    const before = entry ? (readContent("budget", entry.draft) ?? readContent("budget", entry.published)) : null;
    saved.push(
      await saveSiteDraft(services, {
        origin: pushOrigin(desa),
        unitId: desa.id,
        kind: "budget",
        content: {
          year: report.tahun,
          semester: report.semester as 1 | 2,
          lines: before?.lines ?? [],
          documentId: document.id,
        },
        submit: true,
        source: "opensid",
      }),
    );
  }
  return saved;
}

/** OpenDK's /identitas-desa: the desa's own website goes into its profile. */
export async function importIdentity(
  services: PushServices,
  desa: PushDesa,
  website: string | null,
): Promise<SiteEntry> {
  const entry = await services.prisma.siteEntry.findUnique({
    where: { unitId_kind_entryKey: { unitId: desa.id, kind: "profile", entryKey: "profile" } },
  });
  const before = entry ? (readContent("profile", entry.draft) ?? readContent("profile", entry.published)) : null;
  return saveSiteDraft(services, {
    origin: pushOrigin(desa),
    unitId: desa.id,
    kind: "profile",
    content: { ...(before ?? readContent("profile", {})!), website: website ?? "" },
    submit: true,
    source: "opensid",
  });
}

function csvOf(files: Map<string, Buffer>): Record<string, string>[] {
  const name = [...files.keys()].find((file) => file.toLowerCase().endsWith(".csv"));
  if (!name)
    throw new AppError("validation_failed", [
      { path: "file", message: "ZIP tanpa berkas CSV / a ZIP without a CSV file" },
    ]);
  return parseCsv(files.get(name)!.toString("utf8"));
}

/** Records a push as a whole (who, what, how many entries), beside the entries' own audit records. */
export async function auditPush(
  services: PushServices,
  desa: PushDesa,
  what: string,
  entries: SiteEntry[],
): Promise<void> {
  await recordAudit(services.prisma, pushOrigin(desa), {
    action: "site.opensid_push",
    targetType: "Unit",
    targetId: desa.id,
    unitId: desa.id,
    changes: { what, entries: entries.map((entry) => entry.id) },
  });
}
