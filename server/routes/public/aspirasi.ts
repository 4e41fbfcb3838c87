import express, { Router, type ErrorRequestHandler, type Response } from "express";
import { z } from "zod";
import { releaseFormToken, spendFormToken } from "@server/auth/formTokens.js";
import { randomToken, type TokenHasher } from "@server/auth/tokens.js";
import { AppError } from "@server/errors.js";
import {
  CITIZEN_CATEGORY_LABELS,
  CITIZEN_ORIGIN,
  listReportPlaces,
  normalizeTrackingNumber,
  submitWebReport,
  type ReportPlace,
  type WebReportInput,
} from "@server/inbox/webReports.js";
import { CITIZEN_PHOTO_MAX_BYTES, reencodeCitizenPhoto, type CitizenPhoto } from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import { CATEGORIES } from "@server/triage/taxonomy.js";
import { storableText } from "@server/text/storable.js";
import { citizenPage, FormView, refuseWhenOverLimit, sendMessage, sendPage } from "./citizenPages.js";
import { html } from "@server/text/markup.js";
import { readMultipartForm, type FormFile } from "./multipartForm.js";
import { findSite, type Site } from "./publicPosts.js";
import { checkPurposeToken, formTokenExpiry, issuePurposeToken } from "./formTokens.js";

const UNKNOWN_CATEGORY = "tidak_tahu";
const CATEGORY_CHOICES = [...CATEGORIES, UNKNOWN_CATEGORY] as const;

const TEXT_MIN = 10;
const TEXT_MAX = 5_000;
const NAME_MAX = 100;
// Indonesia's extent with a margin: a point outside it is a typing mistake.
const LATITUDE = { min: -11.5, max: 6.5 };
const LONGITUDE = { min: 94.5, max: 141.5 };
// 08xx, 628xx or +628xx (and landlines such as 0564...): 8 to 12 digits after the prefix.
const PHONE = /^(?:\+62|62|0)([2-9]\d{7,11})$/;
const PHONE_SEPARATORS = /[\s().-]/g;

const FORM_TOKEN_PURPOSE = "aspirasi-form";
/** Where a kept blank form takes each reader's token: random, so no text on the page can look like it. */
const TOKEN_SLOT = `token-${randomToken(16)}`;
const USED_FORM_NOTICE =
  "Formulir ini sudah pernah dikirim, jadi tidak kami kirim lagi (This form was already sent). Jika ingin mengirim laporan baru, isian Anda masih ada: periksa kembali, lalu kirim lagi.";
const REPORT_LIMIT = { name: "aspirasi", limit: 5, windowMs: 60 * 60_000 };

const FIELDS = [
  "nama",
  "telepon",
  "email",
  "kontak",
  "kecamatan",
  "desa",
  "lintang",
  "bujur",
  "kategori",
  "isi",
  "foto",
  "setuju",
] as const;
type Field = (typeof FIELDS)[number];
const PHOTO_FIELD = "foto";
const PHOTO_MAX_MB = CITIZEN_PHOTO_MAX_BYTES / (1024 * 1024);
const PHOTO_UPLOAD = {
  fileField: PHOTO_FIELD,
  maxFileBytes: CITIZEN_PHOTO_MAX_BYTES,
  maxFieldBytes: 100 * 1024,
  maxFields: 50,
};
/** The hidden honeypot: people never see it, form-filling scripts fill it in. */
const HONEYPOT = "situs";
const FORM_KEYS = [...FIELDS, HONEYPOT, "token"] as const;
type FormValues = Record<(typeof FORM_KEYS)[number], string>;
type FieldErrors = Partial<Record<Field, string>>;

/** The website's aspiration and complaint form, and the confirmation with the tracking number. */
export function aspirationRoutes(services: Services): Router {
  const router = Router();
  const formBody = express.urlencoded({ extended: false, limit: "100kb", parameterLimit: 50 });

  type FormState = { values?: Partial<FormValues>; errors?: FieldErrors; notice?: string };

  async function formPage(form: FormState, token: string): Promise<string> {
    const [site, places] = await Promise.all([findSite(services), listReportPlaces(services)]);
    const view = new FormView<Field>(form.values, form.errors);
    return aspirationFormPage(site, places, view, token, form.notice);
  }

  async function renderForm(res: Response, form: FormState, status = 200) {
    sendPage(res, await formPage(form, issueFormToken(services.hasher)), status);
  }

  // The blank form is the same for everyone but its one-time token: the page around the token is
  // kept like a public page, and each reader gets it with a token of their own, never cached.
  router.get("/aspirasi", async (req, res) => {
    const shell = await services.pageCache.shell(`aspirasi\n${req.hostname}\n${req.locale}`, () =>
      formPage({}, TOKEN_SLOT),
    );
    const token = issueFormToken(services.hasher);
    sendPage(
      res,
      shell.replace(TOKEN_SLOT, () => token),
    );
  });

  router.post("/aspirasi", formBody, async (req, res) => {
    // The form is sent as multipart (it may carry a photo); plain urlencoded posts still work.
    const { fields, file } = req.is("multipart/form-data")
      ? await readMultipartForm(req, PHOTO_UPLOAD)
      : { fields: req.body as unknown, file: null };
    const values = readForm(fields);
    if (values[HONEYPOT]) {
      return sendMessage(
        services,
        res,
        {
          title: "Laporan tidak dapat dikirim",
          body: html`<p>Maaf, laporan ini tidak dapat kami terima. Jika Anda mengisi formulir sendiri, silakan <a href="/aspirasi">buka formulir lagi</a>.</p>`,
        },
        400,
      );
    }
    const token = checkPurposeToken(services.hasher, FORM_TOKEN_PURPOSE, values.token);
    if (token === "forged") {
      return sendMessage(
        services,
        res,
        {
          title: "Formulir tidak sah",
          body: html`<p>Laporan ini tidak dikirim dari formulir kami. Silakan <a href="/aspirasi">buka formulir lagi</a>.</p>`,
        },
        403,
      );
    }
    if (token === "too_fast") {
      return renderForm(
        res,
        { values, notice: "Formulir terkirim terlalu cepat. Periksa kembali isian Anda, lalu kirim lagi." },
        429,
      );
    }
    if (token === "expired") {
      return renderForm(
        res,
        {
          values,
          notice: "Formulir ini sudah terlalu lama dibuka. Isian Anda masih ada: periksa kembali, lalu kirim lagi.",
        },
        400,
      );
    }

    const places = await listReportPlaces(services);
    const parsed = validateReport(values, places);
    const photo = await checkPhoto(file);
    if (!parsed.ok || !photo.ok) {
      const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(photo.ok ? {} : { foto: photo.error }) };
      // Browsers never fill a file input again: a good photo must be chosen once more.
      if (photo.ok && photo.photo)
        errors.foto = "Foto Anda baik, tetapi perlu dipilih lagi setelah isian lain diperbaiki.";
      return renderForm(res, { values, errors }, parsed.ok && !photo.ok ? photo.status : 400);
    }
    // One report per form: a resubmitted or replayed form files nothing more.
    if (!(await spendFormToken(services.prisma, values.token, formTokenExpiry(values.token)))) {
      return renderForm(res, { values, notice: USED_FORM_NOTICE }, 409);
    }
    // Counted only for reports about to be filed, so correcting mistakes costs nothing.
    if (await refuseWhenOverLimit(services, req, res, REPORT_LIMIT)) return;
    const { trackingNumber } = await submitWebReport(
      services,
      { ...parsed.report, ...(photo.photo && { photo: photo.photo }) },
      { ...CITIZEN_ORIGIN, ip: req.ip, requestId: String(req.id) },
    ).catch(async (error: unknown) => {
      await releaseFormToken(services.prisma, values.token);
      throw error;
    });
    res.redirect(303, `/aspirasi/terkirim/${trackingNumber}`);
  });

  router.get("/aspirasi/terkirim/:nomor", async (req, res) => {
    // Only the number in the address is shown: no lookup, so this page reveals nothing.
    const trackingNumber = normalizeTrackingNumber(req.params.nomor);
    if (!trackingNumber)
      return sendMessage(
        services,
        res,
        { title: "Halaman tidak ditemukan", body: html`<p><a href="/lacak">Lacak laporan</a></p>` },
        404,
      );
    sendPage(res, confirmationPage(await findSite(services), trackingNumber));
  });

  // A body too large or with too many fields: a page, not the API's JSON error.
  const refuseUnreadableBody: ErrorRequestHandler = async (error: { status?: number }, _req, res, next) => {
    if (!error.status || error.status >= 500) return next(error);
    await sendMessage(
      services,
      res,
      {
        title: "Laporan tidak dapat dibaca",
        body: html`<p>Isi laporan terlalu besar atau rusak. Silakan <a href="/aspirasi">buka formulir lagi</a>.</p>`,
      },
      error.status,
    );
  };
  router.use("/aspirasi", refuseUnreadableBody);

  return router;
}

/** A token for the aspiration form (the tests and the fuzz suite make valid ones too). */
export function issueFormToken(hasher: TokenHasher, issuedAt = Date.now()): string {
  return issuePurposeToken(hasher, FORM_TOKEN_PURPOSE, issuedAt);
}

/** Every known field as a string: absent, repeated or odd values become "" and fail validation. */
function readForm(body: unknown): FormValues {
  const raw = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  // A citizen is not sent back for an invisible character: it is dropped or replaced, as platform text is.
  return Object.fromEntries(
    FORM_KEYS.map((key) => [key, typeof raw[key] === "string" ? storableText(raw[key]) : ""]),
  ) as FormValues;
}

// ---------------------------------------------------------------- validation

const PHOTO_ERRORS: Partial<Record<AppError["code"], string>> = {
  unsupported_media_file: "Foto harus berupa gambar JPEG, PNG atau WebP.",
  unreadable_media_file: "Foto tidak dapat dibaca: berkasnya rusak atau bukan gambar. Pilih foto lain.",
};

/** The optional photo, re-encoded to its pixels only; or why it cannot be taken, with the status to answer. */
async function checkPhoto(
  file: FormFile | null,
): Promise<{ ok: true; photo: CitizenPhoto | null } | { ok: false; error: string; status: number }> {
  if (!file) return { ok: true, photo: null };
  if (file.truncated)
    return { ok: false, error: `Foto terlalu besar. Ukuran paling besar ${PHOTO_MAX_MB} MB.`, status: 413 };
  try {
    return { ok: true, photo: await reencodeCitizenPhoto(file.body) };
  } catch (error) {
    const message = error instanceof AppError && PHOTO_ERRORS[error.code];
    if (!message) throw error;
    return { ok: false, error: message, status: (error as AppError).status };
  }
}

const optionalCoordinate = (range: { min: number; max: number }, message: string) =>
  z.string().transform((typed, ctx) => {
    const text = typed.trim().replace(",", ".");
    if (text === "") return null;
    const value = Number(text);
    if (!Number.isFinite(value) || value < range.min || value > range.max) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return value;
  });

const formatRange = (range: { min: number; max: number }) => `${range.min} dan ${range.max}`.replaceAll(".", ",");

// Each field on its own; how fields relate (one contact, desa in kecamatan) is checked after.
const reportFields = z.object({
  nama: z
    .string()
    .trim()
    .min(2, "Tulis nama Anda (minimal 2 huruf).")
    .max(NAME_MAX, `Nama paling panjang ${NAME_MAX} karakter.`),
  telepon: z.string().transform((typed, ctx) => {
    const digits = typed.replace(PHONE_SEPARATORS, "");
    if (digits === "") return undefined;
    const match = PHONE.exec(digits);
    if (!match) {
      ctx.addIssue({
        code: "custom",
        message: "Nomor HP tidak dikenali. Tulis seperti 0812 3456 7890 atau +62 812 3456 7890.",
      });
      return z.NEVER;
    }
    return `+62${match[1]}`;
  }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(
      z.union([
        z.literal("").transform(() => undefined),
        z.email("Alamat email tidak dikenali. Tulis seperti nama@contoh.id.").max(254),
      ]),
    ),
  kecamatan: z.string().min(1, "Pilih kecamatan tempat kejadian."),
  desa: z.string(),
  lintang: optionalCoordinate(LATITUDE, `Lintang harus angka antara ${formatRange(LATITUDE)} (wilayah Indonesia).`),
  bujur: optionalCoordinate(LONGITUDE, `Bujur harus angka antara ${formatRange(LONGITUDE)} (wilayah Indonesia).`),
  kategori: z.enum(CATEGORY_CHOICES, "Pilih kategori laporan, atau \u201cTidak tahu\u201d."),
  // Browsers send line breaks as CRLF; count them as the one character the citizen typed.
  isi: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(TEXT_MIN, `Tulis laporan Anda, minimal ${TEXT_MIN} karakter.`)
        .max(TEXT_MAX, `Laporan paling panjang ${TEXT_MAX.toLocaleString("id-ID")} karakter.`),
    ),
  setuju: z.literal("ya", "Centang persetujuan agar kami dapat menindaklanjuti laporan Anda."),
});

function validateReport(
  values: FormValues,
  places: ReportPlace[],
): { ok: true; report: WebReportInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed = reportFields.safeParse(values);
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as Field;
    errors[field] ??= issue.message;
  }

  const kecamatan = places.find((place) => place.id === values.kecamatan);
  if (values.kecamatan && !kecamatan) errors.kecamatan ??= "Pilih kecamatan dari daftar.";
  if (kecamatan && values.desa && !kecamatan.villages.some((village) => village.id === values.desa)) {
    errors.desa ??= `Pilih desa/kelurahan yang berada di ${kecamatan.name}, atau kosongkan.`;
  }
  if (!values.telepon.trim() && !values.email.trim())
    errors.kontak = "Isi nomor HP atau alamat email, paling tidak salah satu.";
  if (!values.lintang.trim() !== !values.bujur.trim()) {
    errors[values.lintang.trim() ? "bujur" : "lintang"] ??=
      "Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.";
  }

  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const form = parsed.data;
  return {
    ok: true,
    report: {
      name: form.nama,
      contact: { ...(form.telepon && { phone: form.telepon }), ...(form.email && { email: form.email }) },
      placeUnitId: form.desa || form.kecamatan,
      citizenCategory: form.kategori === UNKNOWN_CATEGORY ? null : form.kategori,
      text: form.isi,
      location: form.lintang !== null && form.bujur !== null ? { lat: form.lintang, lng: form.bujur } : null,
    },
  };
}

// ---------------------------------------------------------------- pages

function aspirationFormPage(
  site: Site,
  places: ReportPlace[],
  form: FormView<Field>,
  token: string,
  notice?: string,
): string {
  const main = html`<h1>Sampaikan aspirasi atau pengaduan</h1>
<p>Laporan Anda akan diteruskan ke perangkat daerah yang menanganinya. Setelah terkirim, Anda mendapat nomor pelacakan untuk mengikuti tindak lanjutnya di halaman <a href="/lacak">Lacak laporan</a>.</p>
<p class="pemberitahuan">Keadaan darurat (kebakaran, banjir, kecelakaan)? Hubungi <a href="tel:112">112</a>.</p>
${notice && html`<div class="ringkasan" role="alert"><p>${notice}</p></div>`}
${form.summary(FIELDS)}
<form method="post" action="/aspirasi" enctype="multipart/form-data">
<fieldset>
<legend>Data diri</legend>
<p class="petunjuk">Nama dan kontak Anda hanya dilihat petugas dan tidak pernah ditampilkan di halaman publik.</p>
${form.field("nama", { label: "Nama" }, (attributes) => html`<input type="text" ${attributes} value="${form.value("nama")}" autocomplete="name" maxlength="${NAME_MAX}" required>`)}
<fieldset>
<legend>Kontak yang bisa dihubungi</legend>
<p class="petunjuk">Isi salah satu atau keduanya, agar petugas dapat menghubungi Anda.</p>
${form.error("kontak")}
${form.field("telepon", { label: "Nomor HP/WhatsApp", hint: "Contoh: 0812 3456 7890", alsoDescribedBy: "kontak" }, (attributes) => html`<input type="tel" ${attributes} value="${form.value("telepon")}" autocomplete="tel" inputmode="tel" maxlength="25">`)}
${form.field("email", { label: "Email", alsoDescribedBy: "kontak" }, (attributes) => html`<input type="email" ${attributes} value="${form.value("email")}" autocomplete="email" maxlength="254">`)}
</fieldset>
</fieldset>
<fieldset>
<legend>Lokasi kejadian</legend>
${form.field(
  "kecamatan",
  { label: "Kecamatan" },
  (attributes) => html`<select ${attributes} required>
<option value="">Pilih kecamatan</option>
${places.map((place) => option(place.id, place.name, form.value("kecamatan")))}
</select>`,
)}
${form.field(
  "desa",
  { label: "Desa/kelurahan (tidak wajib)", hint: "Pilih dari kelompok kecamatan yang sama." },
  (attributes) => html`<select ${attributes}>
<option value="">Tidak dipilih</option>
${places.map((place) => html`<optgroup label="${place.name}">${place.villages.map((village) => option(village.id, village.name, form.value("desa")))}</optgroup>`)}
</select>`,
)}
<fieldset>
<legend>Titik peta (tidak wajib)</legend>
<p class="petunjuk">Jika Anda tahu koordinatnya, misalnya dari aplikasi peta di ponsel (tekan lama pada lokasi, lalu salin angkanya). Contoh: lintang 0,1234 dan bujur 110,5678.</p>
${form.field("lintang", { label: "Lintang (latitude)" }, (attributes) => html`<input type="text" ${attributes} value="${form.value("lintang")}" inputmode="decimal" autocomplete="off" maxlength="20">`)}
${form.field("bujur", { label: "Bujur (longitude)" }, (attributes) => html`<input type="text" ${attributes} value="${form.value("bujur")}" inputmode="decimal" autocomplete="off" maxlength="20">`)}
</fieldset>
</fieldset>
<fieldset>
<legend>Laporan</legend>
${form.field(
  "kategori",
  { label: "Kategori", hint: "Pilih \u201cTidak tahu\u201d jika ragu; petugas akan menentukannya." },
  (attributes) => html`<select ${attributes} required>
<option value="">Pilih kategori</option>
${CATEGORIES.map((code) => option(code, CITIZEN_CATEGORY_LABELS.id[code], form.value("kategori")))}
${option(UNKNOWN_CATEGORY, "Tidak tahu", form.value("kategori"))}
</select>`,
)}
${form.field("isi", { label: "Isi laporan", hint: `Ceritakan apa yang terjadi, di mana dan sejak kapan (${TEXT_MIN}\u2013${TEXT_MAX.toLocaleString("id-ID")} karakter).` }, (attributes) => html`<textarea ${attributes} rows="8" minlength="${TEXT_MIN}" maxlength="${TEXT_MAX}" required>${form.value("isi")}</textarea>`)}
${form.field(PHOTO_FIELD, { label: "Foto (tidak wajib)", hint: `Satu foto JPEG, PNG atau WebP, paling besar ${PHOTO_MAX_MB} MB. Hanya petugas yang melihatnya; data lokasi dan data lain di dalam berkas foto dihapus.` }, (attributes) => html`<input type="file" ${attributes} accept="image/jpeg,image/png,image/webp">`)}
</fieldset>
<fieldset>
<legend>Persetujuan</legend>
${form.checkbox("setuju", `Saya setuju nama dan kontak saya digunakan oleh ${site.name} hanya untuk menindaklanjuti laporan ini, sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.`, "ya")}
</fieldset>
<div class="tersembunyi" aria-hidden="true"><label for="isian-${HONEYPOT}">Jangan diisi</label><input type="text" id="isian-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="token" value="${token}">
<p><button type="submit">Kirim laporan</button></p>
</form>`;
  return citizenPage(site, {
    title: "Sampaikan aspirasi atau pengaduan",
    description: `Kirim aspirasi atau pengaduan kepada ${site.name} dan ikuti tindak lanjutnya.`,
    main,
  });
}

function option(value: string, label: string, selected: string) {
  return html`<option value="${value}"${value === selected && html` selected`}>${label}</option>`;
}

function confirmationPage(site: Site, trackingNumber: string): string {
  const main = html`<h1>Laporan Anda sudah kami terima</h1>
<p>Nomor pelacakan Anda:</p>
<p class="nomor">${trackingNumber}</p>
<p>Catat atau simpan nomor ini (misalnya dengan tangkapan layar). Dengan nomor ini Anda dapat melihat status dan tanggapan atas laporan Anda kapan saja.</p>
<p><a href="/lacak/${trackingNumber}">Lihat status laporan ini</a></p>
<h2>Apa selanjutnya?</h2>
<ol>
<li>Petugas memeriksa laporan Anda.</li>
<li>Laporan diteruskan ke perangkat daerah yang menanganinya.</li>
<li>Tanggapan petugas tampil di halaman status laporan. Bila perlu, petugas menghubungi Anda melalui kontak yang Anda berikan.</li>
</ol>`;
  return citizenPage(site, { title: "Laporan diterima", description: "Laporan Anda sudah diterima.", main });
}
