import express, { type Request, Router } from "express";
import { z } from "zod";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import {
  auditPush,
  importBudgetReports,
  importIdentity,
  importProgress,
  importProjects,
} from "@server/commands/openSidPush.js";
import { assertPushedDesaCode, type PushDesa } from "@server/sites/opendk/desaCode.js";
import { readZip, ZipError } from "@server/sites/opendk/zip.js";
import { refuseUnstorableInput } from "./middleware/storableInput.js";
import { readMultipartForm } from "./public/multipartForm.js";
import { parse } from "./validate.js";
import type { OpenDkLogin, OpenDkResult } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

// The HTTP API OpenDK offers OpenSID, at the same paths (/api/v1/...), so a desa's OpenSID,
// pointed at Siar as its "OpenDK server", fills the desa's site. Each desa authenticates with
// the token admins issue for it (Authorization: Bearer, as OpenSID sends api_opendk_key).

const ZIP_LIMITS = { maxFiles: 2_000, maxFileBytes: 20 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024 };
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const ok = (message: string): OpenDkResult => ({ status: "success", message });

const identityBody = z.object({
  kode_desa: z.string().max(50).optional(),
  sebutan_desa: z.string().max(100).optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional()
    .or(z.literal("")),
  path: z.string().max(500).optional(),
});
const apbdesBody = z.object({
  desa_id: z.string().max(50),
  laporan_apbdes: z
    .array(
      z.object({
        id: z.coerce.number().int(),
        judul: z.string().max(500),
        tahun: z.coerce.number().int().min(2000).max(2099),
        semester: z.coerce.number().int().min(1).max(2),
        nama_file: z.string().min(1).max(200),
        file: z.base64().max(30 * 1024 * 1024),
      }),
    )
    .max(20),
});
const loginBody = z.object({ email: z.string().max(200).optional(), password: z.string().min(1).max(200) });

export function openDkRoutes(services: Services): Router {
  const router = Router();

  /** The desa whose token the request carries. */
  async function desaOf(token: string | undefined): Promise<PushDesa> {
    if (!token) throw new AppError("invalid_token");
    const row = await services.prisma.sitePushToken.findUnique({
      where: { tokenHash: services.hasher.hash(token) },
      include: { unit: { select: { id: true, name: true, areaCode: true, active: true } } },
    });
    if (!row?.unit.active) throw new AppError("invalid_token");
    await services.prisma.sitePushToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    return { id: row.unit.id, name: row.unit.name, areaCode: row.unit.areaCode };
  }
  const bearer = (req: Request) => req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];

  /** The ZIP a multipart push carries in its "file" field, read into its files, from the desa it names. */
  async function pushedArchive(req: Request, desa: PushDesa): Promise<Map<string, Buffer>> {
    if (!req.is("multipart/form-data")) throw new AppError("unsupported_media_type");
    const { file, fields } = await readMultipartForm(req, {
      fileField: "file",
      maxFileBytes: MAX_UPLOAD_BYTES,
      maxFieldBytes: 1000,
      maxFields: 10,
    });
    if (!file || file.truncated)
      throw new AppError(file ? "payload_too_large" : "validation_failed", [{ path: "file", message: "ZIP" }]);
    assertPushedDesaCode(desa, [fields.desa_id]);
    try {
      return readZip(file.body, ZIP_LIMITS);
    } catch (error) {
      if (error instanceof ZipError)
        throw new AppError("validation_failed", [{ path: "file", message: error.message }]);
      throw error;
    }
  }

  // OpenSID's "create key" button logs in with a user and password; here the password is the
  // desa's token, which comes back as the access token to keep.
  const smallBody = [
    express.json({ limit: "10kb" }),
    express.urlencoded({ extended: false, limit: "10kb" }),
    refuseUnstorableInput,
  ];

  router.post("/auth/login", ...smallBody, async (req, res) => {
    const { password } = parse(loginBody, req.body ?? {}, req);
    await desaOf(password);
    res.json({ access_token: password, token_type: "Bearer", expires_in: 365 * 24 * 60 * 60 } satisfies OpenDkLogin);
  });

  router.post("/identitas-desa", ...smallBody, async (req, res) => {
    const desa = await desaOf(bearer(req));
    const body = parse(identityBody, req.body ?? {}, req);
    assertPushedDesaCode(desa, [body.kode_desa]);
    const entry = await importIdentity(services, desa, body.website || null);
    await auditPush(services, desa, "identitas-desa", [entry]);
    res.json(ok("Proses sinkronisasi identitas desa sudah selesai"));
  });

  router.post("/pembangunan", async (req, res) => {
    const desa = await desaOf(bearer(req));
    const entries = await importProjects(services, desa, await pushedArchive(req, desa));
    await auditPush(services, desa, "pembangunan", entries);
    res.json(ok(`Sinkronisasi ${entries.length} data pembangunan selesai; menunggu verifikasi kecamatan`));
  });

  router.post("/pembangunan/dokumentasi", async (req, res) => {
    const desa = await desaOf(bearer(req));
    const entries = await importProgress(services, desa, await pushedArchive(req, desa));
    await auditPush(services, desa, "pembangunan/dokumentasi", entries);
    res.json(ok(`Sinkronisasi dokumentasi ${entries.length} pembangunan selesai; menunggu verifikasi kecamatan`));
  });

  router.post("/laporan-apbdes", express.json({ limit: "40mb" }), refuseUnstorableInput, async (req, res) => {
    const desa = await desaOf(bearer(req));
    const body = parse(apbdesBody, req.body ?? {}, req);
    assertPushedDesaCode(desa, [body.desa_id]);
    const entries = await importBudgetReports(services, desa, body.laporan_apbdes);
    await auditPush(services, desa, "laporan-apbdes", entries);
    res.json(ok(`Sinkronisasi ${entries.length} laporan APBDes selesai; menunggu verifikasi kecamatan`));
  });

  describeRoutes(router, {
    "POST /auth/login": {
      response: "OpenDkLogin",
      summary: "OpenSID's login: the desa's token as password, echoed back as the bearer token",
      permission: "public",
      body: loginBody,
    },
    "POST /identitas-desa": {
      response: "OpenDkResult",
      summary: "OpenSID pushes the desa's identity (website)",
      permission: "desaToken",
      body: identityBody,
    },
    "POST /pembangunan": {
      response: "OpenDkResult",
      summary: "OpenSID pushes development projects (a zip of CSV and photos)",
      permission: "desaToken",
    },
    "POST /pembangunan/dokumentasi": {
      response: "OpenDkResult",
      summary: "OpenSID pushes development progress (a zip)",
      permission: "desaToken",
    },
    "POST /laporan-apbdes": {
      response: "OpenDkResult",
      summary: "OpenSID pushes APBDes reports (PDF files in base64)",
      permission: "desaToken",
      body: apbdesBody,
    },
  });

  return router;
}
