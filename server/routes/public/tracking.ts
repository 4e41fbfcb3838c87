import { Router, type Response } from "express";
import { STATUS_TEXT } from "@server/inbox/publicStatus.js";
import {
  findPublicReport,
  normalizeTrackingNumber,
  TRACKING_PREFIX,
  type PublicReport,
} from "@server/inbox/webReports.js";
import type { Services } from "@server/services.js";
import { citizenPage, FormView, refuseWhenOverLimit, sendPage } from "./citizenPages.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { findSite, type Site } from "./publicPosts.js";
import { formatDate, paragraphs } from "./text.js";

// Enough for a citizen checking a few reports, far too few to try numbers at random. Open311
// lookups by tracking number count against the same budget.
export const LOOKUP_LIMIT = { name: "lacak", limit: 30, windowMs: 15 * 60_000 };
const EXAMPLE_NUMBER = `${TRACKING_PREFIX}-2601-7Q4K9M`;

type LookupField = "nomor";

/** The public tracking page: a report's status and the replies meant for the citizen. */
export function trackingRoutes(services: Services): Router {
  const router = Router();

  async function renderLookup(res: Response, typed: string, error: string | undefined, status: number) {
    const form = new FormView<LookupField>({ nomor: typed }, { nomor: error });
    sendPage(res, lookupPage(await findSite(services), form), status);
  }

  // The form sends ?nomor=...; a valid number moves to its own address, which can be bookmarked.
  router.get("/lacak", async (req, res) => {
    const typed = typeof req.query.nomor === "string" ? req.query.nomor : "";
    if (!typed.trim()) return renderLookup(res, "", undefined, 200);
    const trackingNumber = normalizeTrackingNumber(typed);
    if (!trackingNumber)
      return renderLookup(res, typed, `Nomor pelacakan tidak dikenali. Tulis seperti ${EXAMPLE_NUMBER}.`, 400);
    res.redirect(303, `/lacak/${trackingNumber}`);
  });

  router.get("/lacak/:nomor", async (req, res) => {
    if (await refuseWhenOverLimit(services, req, res, LOOKUP_LIMIT)) return;
    const trackingNumber = normalizeTrackingNumber(req.params.nomor);
    const report = trackingNumber && (await findPublicReport(services, trackingNumber));
    if (!report)
      return renderLookup(res, req.params.nomor, "Nomor pelacakan ini tidak ditemukan. Periksa kembali nomornya.", 404);
    sendPage(res, reportPage(await findSite(services), report));
  });

  return router;
}

function lookupPage(site: Site, form: FormView<LookupField>): string {
  const main = html`<h1>Lacak laporan</h1>
<p>Masukkan nomor pelacakan yang Anda terima setelah mengirim laporan.</p>
${form.summary(["nomor"])}
<form method="get" action="/lacak">
${form.field("nomor", { label: "Nomor pelacakan", hint: `Contoh: ${EXAMPLE_NUMBER}` }, (attributes) => html`<input type="text" ${attributes} value="${form.value("nomor")}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" required>`)}
<p><button type="submit">Lacak</button></p>
</form>
<p>Belum mengirim laporan? <a href="/aspirasi">Sampaikan aspirasi atau pengaduan</a>.</p>`;
  return citizenPage(site, {
    title: "Lacak laporan",
    description: `Ikuti tindak lanjut laporan Anda kepada ${site.name}.`,
    main,
  });
}

function reportPage(site: Site, report: PublicReport): string {
  const status = STATUS_TEXT[report.status](report);
  const main = html`<h1>Status laporan</h1>
<p class="nomor">${report.trackingNumber}</p>
<dl class="status">
<dt>Status</dt><dd><strong>${status.label}</strong><br>${status.meaning}</dd>
<dt>Diterima</dt><dd>${timeElement(report.receivedAt, report.timezone)}</dd>
${report.unitName && html`<dt>Ditangani oleh</dt><dd>${report.unitName}</dd>`}
</dl>
<h2>Tanggapan</h2>
${
  report.replies.length === 0
    ? html`<p>Belum ada tanggapan. Halaman ini akan menampilkan tanggapan petugas begitu ada.</p>`
    : html`<ol class="linimasa">${report.replies.map((reply) => html`<li><p class="meta">${timeElement(reply.at, report.timezone)} · Tanggapan petugas</p>${paragraphs(reply.body)}</li>`)}</ol>`
}
<p><a href="/lacak">Lacak laporan lain</a></p>`;
  return citizenPage(site, {
    title: `Status laporan ${report.trackingNumber}`,
    description: "Status dan tanggapan atas laporan Anda.",
    main,
  });
}

function timeElement(date: Date, timeZone: string): SafeMarkup {
  return html`<time datetime="${date.toISOString()}">${formatDate(date, timeZone)}</time>`;
}
