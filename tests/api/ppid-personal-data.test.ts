import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@server/logger.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { APPLICANT, download, fileWebRequest, NOTICES } from "../helpers/ppid.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// An applicant's identity number is personal data: sealed at rest, masked everywhere, opened only
// for the PPID holding the case. It, the access code and the applicant's contact never reach a log
// line, a public page, an export, the audit log or an API answer for anyone else.

const lines: string[] = [];
let siar: TestSiar;
let filed: Awaited<ReturnType<typeof fileWebRequest>>;
const staff = {} as Record<"admin" | "utama" | "kapuas" | "camat" | "sekda", ApiClient>;

beforeAll(async () => {
  siar = await startTestSiar({}, { logger: createLogger("info", { write: (line: string) => void lines.push(line) }) });
  staff.admin = await signedIn(siar.url, "admin@sanggau.demo");
  staff.utama = await signedIn(siar.url, "ppid@sanggau.demo");
  staff.kapuas = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
  staff.camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  staff.sekda = await signedIn(siar.url, "pimpinan@sanggau.demo");
  // A whole case: filed, forwarded, decided with a file, objected to and answered.
  filed = await fileWebRequest(siar);
  const kapuasUnit = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } })).id;
  const today = (await officeCalendar(siar.services.prisma)).dateOf(new Date());
  await staff.utama.post(`/api/ppid/requests/${filed.id}/forward`, { toUnitId: kapuasUnit, internalDueOn: today });
  await staff.kapuas.get(`/api/ppid/requests/${filed.id}/identity`);
  await staff.kapuas.patch(`/api/ppid/requests/${filed.id}`, { publicSummary: "Kontrak jembatan Sungai Mawang 2025" });
  await staff.kapuas.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES.refused);
  const objection = await staff.kapuas.post(`/api/ppid/requests/${filed.id}/objections`, {
    channel: "letter",
    reasons: ["a"],
    statement: "Saya keberatan atas penolakan ini.",
  });
  await staff.camat.post(`/api/ppid/objections/${objection.body.objections[0].id}/answer`, {
    outcome: "rejected",
    answer: "Keberatan ditolak.",
    signedAs: "Camat Kapuas",
  });
});
afterAll(async () => siar?.close());

/** What must never show where it does not belong: the identity number, the access code, the contact. */
const secrets = () => [
  APPLICANT.nomor_identitas,
  filed.code!,
  filed.code!.replaceAll("-", ""),
  APPLICANT.email,
  "81277771234",
];
const expectNone = (text: string, where: string, values = secrets()) => {
  for (const value of values) expect(text, `${where} shows ${value}`).not.toContain(value);
};

describe("the applicant's personal data", () => {
  it("never reach a log line, not even the access code in the case page's address", async () => {
    await fetch(`${siar.url}${filed.base}`);
    await fetch(`${siar.url}/ppid/lacak?nomor=${filed.number}&kode=${filed.code}`, { redirect: "manual" });
    const output = lines.join("");
    expectNone(output, "the log", [...secrets(), APPLICANT.nama]);
    expect(output).toContain(`/ppid/lacak/${filed.number}/[redacted]`);
  });

  it("are not on the public register, which shows the staff's summary instead", async () => {
    const page = await (await fetch(`${siar.url}/ppid/register`)).text();
    expect(page).toContain(filed.number);
    expect(page).toContain("Kontrak jembatan Sungai Mawang 2025");
    expectNone(page, "the register", [...secrets(), APPLICANT.nama, APPLICANT.alamat, APPLICANT.informasi]);
  });

  it("are masked on the applicant's own page and letters", async () => {
    const page = await (await fetch(`${siar.url}${filed.base}`)).text();
    expect(page).toContain("••••••••••••0007");
    expectNone(page, "the case page", [APPLICANT.nomor_identitas]);
    for (const letter of ["receipt", "notice"]) {
      const pdf = extractPdfText((await download(siar, `${filed.base}/surat/${letter}`)).body);
      expectNone(pdf, `the ${letter}`, [APPLICANT.nomor_identitas]);
    }
  });

  it("stay out of every staff answer but the identity endpoint, and out of the audit log", async () => {
    for (const [who, client] of Object.entries(staff)) {
      for (const path of [
        `/api/ppid/requests/${filed.id}`,
        "/api/ppid/requests",
        "/api/ppid/objections",
        `/api/ppid/requests/${filed.id}/letters/receipt`,
        `/api/ppid/requests/${filed.id}/letters/notice`,
        "/api/audit-events?limit=200",
      ]) {
        const response = await download(siar, path, client);
        const text = response.headers.get("content-type")?.includes("pdf")
          ? extractPdfText(response.body)
          : response.body.toString();
        expectNone(text, `${who} ${path}`, [APPLICANT.nomor_identitas, filed.code!, filed.code!.replaceAll("-", "")]);
      }
    }
    // The identity endpoint opens it for the PPID holding the case only.
    expect((await staff.kapuas.get(`/api/ppid/requests/${filed.id}/identity`)).body.identityNumber).toBe(
      APPLICANT.nomor_identitas,
    );
    for (const client of [staff.admin, staff.utama, staff.camat, staff.sekda])
      expect((await client.get(`/api/ppid/requests/${filed.id}/identity`)).status).toBe(403);
  });

  it("are sealed in the database", async () => {
    const stored = await siar.services.prisma.ppidRequest.findUniqueOrThrow({ where: { id: filed.id! } });
    expectNone(JSON.stringify(stored), "the stored row", [APPLICANT.nomor_identitas, filed.code!.replaceAll("-", "")]);
  });
});
