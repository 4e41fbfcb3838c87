import { Router } from "express";
import { z } from "zod";
import { recordAudit } from "@server/audit/record.js";
import { AppError } from "@server/errors.js";
import { csvOptions, csvQueryFields, sendCsv } from "@server/exports/csv.js";
import { fieldWord, word } from "@server/exports/words.js";
import type { Locale } from "@server/i18n/locale.js";
import {
  ANNUAL_REPORT_SECTIONS,
  type AnnualReportSection,
  annualReportPdf,
  figureTables,
  loadAnnualReport,
  saveAnnualReport,
} from "@server/ppid/annualReport.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { findOffice, issuerOf } from "@server/ppid/cases.js";
import { renderTablePdf } from "@server/ppid/pdf/table.js";
import { objectionRegister, registerCsv, requestRegister } from "@server/ppid/registers.js";
import { reportScope } from "@server/ppid/reportScope.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { sendDownload, sendPdf } from "./send.js";
import { presentAnnualReport } from "@server/presenters/ppidReport.js";
import { describeRoutes } from "@server/openapi/describe.js";

const year = z.coerce.number().int().min(2000).max(2099);
const registerQuery = z.object({ unitId: z.uuid().optional(), year: year.optional() });
const reportParams = z.object({ year });
const reportQuery = z.object({ unitId: z.uuid().optional() });
const reportCsvQuery = reportQuery.extend(csvQueryFields);
export const annualReportBody = z
  .object(
    Object.fromEntries(ANNUAL_REPORT_SECTIONS.map((section) => [section, z.string().trim().max(20_000).optional()])),
  )
  .strict();
export type AnnualReportBody = z.input<typeof annualReportBody>;

const REGISTERS = { requests: "Register Permohonan Informasi Publik", objections: "Register Keberatan" } as const;

/** The registers (Perki 1/2021) as CSV and PDF, and the annual report with its prose and figures. */
export function ppidRegisterRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function heading(scope: Awaited<ReturnType<typeof reportScope>>) {
    const office = await findOffice(services);
    return {
      office: office.name,
      issuer: scope.unit ? issuerOf(scope.unit) : `PPID ${office.name}`,
      letterhead: office.letterhead,
    };
  }

  for (const register of Object.keys(REGISTERS) as (keyof typeof REGISTERS)[]) {
    for (const format of ["csv", "pdf"] as const) {
      router.get(`/registers/${register}.${format}`, async (req, res) => {
        const query = parse(registerQuery, req.query, req);
        const scope = await reportScope(prisma, req.actor!, query.unitId, "export");
        const calendar = await officeCalendar(prisma);
        const chosenYear = query.year ?? Number(calendar.dateOf(new Date()).slice(0, 4));
        const received = { receivedAt: calendar.yearRange(chosenYear) };
        const table =
          register === "requests"
            ? await requestRegister(prisma, { AND: [scope.where, received] }, calendar)
            : await objectionRegister(
                prisma,
                { AND: [{ request: scope.where }, { filedAt: calendar.yearRange(chosenYear) }] },
                calendar,
              );
        const fileName = `register-${register === "requests" ? "permohonan" : "keberatan"}-${chosenYear}.${format}`;
        // The registers carry applicants' names and addresses: who took which is recorded.
        await recordAudit(prisma, originOf(req), {
          action: "ppid_register.exported",
          targetType: "PpidRegister",
          targetId: fileName,
          unitId: scope.unit?.id ?? null,
          changes: { register, format, year: chosenYear, rows: table.rows.length },
        });
        if (format === "csv") return sendDownload(res, fileName, "text/csv; charset=utf-8", registerCsv(table));
        const { office, issuer, letterhead } = await heading(scope);
        const pdf = await renderTablePdf({
          head: { officeName: office, letterhead },
          title: `${REGISTERS[register]} Tahun ${chosenYear}`,
          subtitle: `${office} · ${issuer}`,
          ...table,
          note: "Nomor identitas pemohon tidak dimuat dalam register; disimpan terenkripsi dan hanya dapat dibuka PPID yang menangani permohonan.",
        });
        sendPdf(res, fileName, pdf);
      });
      describeRoutes(router, {
        [`GET /registers/${register}.${format}`]: {
          summary: `The year's ${REGISTERS[register]} (${format.toUpperCase()}; audited)`,
          permission: { action: "export", model: "PpidReport" },
          query: registerQuery,
          produces: format === "csv" ? "text/csv" : "application/pdf",
        },
      });
    }
  }

  async function annual(req: Parameters<Parameters<typeof router.get>[1]>[0], action: "read" | "update") {
    const { year: reportYear } = parse(reportParams, req.params, req);
    const { unitId } = parse(reportQuery, req.query, req);
    const scope = await reportScope(prisma, req.actor!, unitId, action);
    const calendar = await officeCalendar(prisma);
    return { scope, report: await loadAnnualReport(prisma, scope, reportYear, calendar, new Date()) };
  }

  router.get("/annual-reports/:year", async (req, res) => {
    const { scope, report } = await annual(req, "read");
    res.json(presentAnnualReport(scope, report));
  });

  router.patch("/annual-reports/:year", async (req, res) => {
    const { scope, report } = await annual(req, "update");
    if (scope.kind === "own")
      throw new AppError("validation_failed", [{ path: "unitId", message: "pilih PPID / choose a PPID unit" }]);
    const sections = parse(annualReportBody, req.body, req);
    await saveAnnualReport(prisma, { origin: originOf(req), scope, year: report.year, sections });
    const { report: saved } = await annual(req, "read");
    res.json(presentAnnualReport(scope, saved));
  });

  router.get("/annual-reports/:year/report.pdf", async (req, res) => {
    const { scope, report } = await annual(req, "read");
    sendPdf(res, `laporan-layanan-informasi-${report.year}.pdf`, await annualReportPdf(report, await heading(scope)));
  });

  router.get("/annual-reports/:year/report.csv", async (req, res) => {
    const { report } = await annual(req, "read");
    const options = csvOptions(req, parse(reportCsvQuery, req.query, req));
    const rows = [
      ...ANNUAL_REPORT_SECTIONS.map((section) => ({
        bagian: section,
        uraian: report.sections[section] ?? "",
        nilai: "",
      })),
      ...figureTables(report.figures).flatMap((table) =>
        table.rows.map(([label, value]) => ({ bagian: table.title, uraian: label, nilai: value })),
      ),
    ];
    const isSection = (value: unknown): value is AnnualReportSection =>
      (ANNUAL_REPORT_SECTIONS as readonly unknown[]).includes(value);
    const sectionWord = (value: unknown, locale: Locale) =>
      isSection(value) ? word(locale, `ppid.annual.${value}`) : value;
    sendCsv(
      res,
      `laporan-layanan-informasi-${report.year}`,
      {
        rows,
        columns: ["bagian", "uraian", "nilai"],
        values: { bagian: sectionWord },
        headers: {
          bagian: (locale) => fieldWord(locale, "section"),
          uraian: (locale) => fieldWord(locale, "text"),
          nilai: (locale) => fieldWord(locale, "value"),
        },
      },
      options,
    );
  });

  describeRoutes(router, {
    "GET /annual-reports/:year": {
      response: "PpidAnnualReport",
      summary: "The annual PPID service report of a year",
      permission: { action: "read", model: "PpidReport" },
    },
    "PATCH /annual-reports/:year": {
      response: "PpidAnnualReport",
      summary: "Save the written sections of the annual report",
      permission: { action: "update", model: "PpidReport" },
      body: annualReportBody,
    },
    "GET /annual-reports/:year/report.pdf": {
      summary: "The annual report as PDF",
      permission: { action: "read", model: "PpidReport" },
      produces: "application/pdf",
    },
    "GET /annual-reports/:year/report.csv": {
      summary: "The annual report's figures as CSV",
      permission: { action: "read", model: "PpidReport" },
      query: reportCsvQuery,
      produces: "text/csv",
    },
  });

  return router;
}
