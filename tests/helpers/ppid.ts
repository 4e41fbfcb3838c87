import { issuePurposeToken } from "@server/routes/public/formTokens.js";
import { REQUEST_FORM_PURPOSE } from "@server/routes/public/ppid/requestForm.js";
import type { ApiClient } from "./client.js";
import { extractPdfText } from "./pdfText.js";
import type { TestSiar } from "./siar.js";

// Filing information requests the way applicants do (the website's form) and reading back what
// staff and applicants download, for the PPID tests.

export const APPLICANT = {
  jenis_pemohon: "person",
  nama: "Maria Goreti Lidwina",
  jenis_identitas: "nik",
  nomor_identitas: "6103014101900007",
  pekerjaan: "Wartawan",
  alamat: "Jl. Kartini No. 12, Sanggau",
  telepon: "0812 7777 1234",
  email: "maria.goreti@contoh.id",
  informasi: "Salinan dokumen kontrak pembangunan jembatan Sungai Mawang tahun 2025 beserta addendumnya.",
  tujuan: "Liputan tentang pembangunan infrastruktur desa.",
  cara: "copy",
  salinan: "soft_copy",
  pengiriman: "email",
  setuju: "ya",
  situs: "",
};

/** A form token issued a minute ago, as a person filling the form would send it. */
export function requestFormToken(siar: TestSiar): string {
  return issuePurposeToken(siar.services.hasher, REQUEST_FORM_PURPOSE, Date.now() - 60_000);
}

export async function postForm(
  siar: TestSiar,
  path: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(key, one);
  return fetch(`${siar.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
    redirect: "manual",
  });
}

/**
 * Files a request on the website and follows nothing: returns the answer and, when it was
 * filed, the case page's address with its number and access code.
 */
export async function fileWebRequest(siar: TestSiar, overrides: Record<string, string> = {}) {
  const ppidUtama = await siar.services.prisma.unit.findFirstOrThrow({ where: { ppidLevel: "utama" } });
  // Each from an address of its own: the form allows a few requests an hour per address.
  const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  const response = await postForm(
    siar,
    "/ppid/permohonan",
    { ...APPLICANT, ditujukan: ppidUtama.id, token: requestFormToken(siar), ...overrides },
    { "x-forwarded-for": address },
  );
  const location = response.headers.get("location") ?? "";
  const match = /^\/ppid\/lacak\/(PPID-\d{4}-\d{5})\/([A-Z0-9-]+)\?baru=1$/.exec(location);
  if (!match) return { response, base: null, number: null, code: null, id: null };
  const request = await siar.services.prisma.ppidRequest.findUniqueOrThrow({ where: { registrationNumber: match[1] } });
  return { response, base: `/ppid/lacak/${match[1]}/${match[2]}`, number: match[1]!, code: match[2]!, id: request.id };
}

/** A file as bytes, fetched as a staff member (with their session) or as anyone. */
export async function download(siar: TestSiar, path: string, client?: ApiClient) {
  const response = await fetch(`${siar.url}${path}`, { headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** The text of a PDF at a path, one line per text run. */
export async function pdfAt(siar: TestSiar, path: string, client?: ApiClient): Promise<string> {
  const file = await download(siar, path, client);
  if (file.status !== 200 || !file.body.subarray(0, 5).equals(Buffer.from("%PDF-")))
    throw new Error(`${path}: ${file.status} ${file.body.subarray(0, 200).toString()}`);
  return extractPdfText(file.body);
}

export const CONSEQUENCE_TEST =
  "Membuka nilai penawaran para peserta tender yang kalah dapat merugikan persaingan usaha yang sehat pada pengadaan berikutnya di kabupaten ini.";

/** A valid notice for each decision: what the law asks each one to state. */
export const NOTICES = {
  granted: { decision: "granted", noticeForm: "soft_copy", timeNeeded: "1 hari kerja", feeRupiah: 0 },
  granted_in_part: {
    decision: "granted_in_part",
    noticeForm: "soft_copy",
    exemptions: ["b"],
    consequenceTest: CONSEQUENCE_TEST,
    exemptionEndsOn: "2030-12-31",
    redactedParts: "Nilai penawaran peserta lain pada halaman 4 dihitamkan.",
    timeNeeded: "2 hari kerja",
    feeRupiah: 15000,
    feeNote: "Biaya penggandaan 30 lembar",
  },
  refused: {
    decision: "refused",
    exemptions: ["a", "h"],
    consequenceTest: CONSEQUENCE_TEST,
    exemptionEndsOn: "2029-06-30",
  },
  not_held: { decision: "not_held", whereToAsk: "Balai Wilayah Sungai Kalimantan I, Pontianak" },
  not_yet_documented: {
    decision: "not_yet_documented",
    decisionNote: "Laporan akhir proyek selesai disusun Maret 2027.",
  },
} as const;

/** What staff type in for a request that came in person, as the API takes it. */
export const STAFF_REQUEST = {
  channel: "in_person",
  applicant: {
    applicantType: "person",
    applicantName: "Antonius Jumadi",
    identityType: "nik",
    identityNumber: "6103010202800003",
    occupation: "Petani",
    address: "Dusun Sei Mawang RT 02, Kapuas",
    phone: "0813 5555 0101",
    email: null,
    information: "Daftar penerima bantuan bibit karet Desa Sungai Mawang tahun 2026.",
    purpose: "Memastikan pembagian bantuan tepat sasaran.",
    accessMethod: "view",
    copyForm: null,
    delivery: "pick_up",
  },
};

/** A request registered by an admin straight at a PPID unit; its id. */
export async function registeredAt(admin: ApiClient, unitId: string, information?: string): Promise<string> {
  const response = await admin.post("/api/ppid/requests", {
    ...STAFF_REQUEST,
    unitId,
    applicant: { ...STAFF_REQUEST.applicant, ...(information && { information }) },
  });
  if (response.status !== 201)
    throw new Error(`registering a request: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.request.id;
}

/** A refused request at the unit with an objection to it, filed by that unit's PPID officer; the objection's id. */
export async function objectionAt(
  admin: ApiClient,
  ppid: ApiClient,
  unitId: string,
): Promise<{ requestId: string; objectionId: string }> {
  const requestId = await registeredAt(admin, unitId);
  await ppid.post(`/api/ppid/requests/${requestId}/decide`, NOTICES.refused);
  const filed = await ppid.post(`/api/ppid/requests/${requestId}/objections`, {
    channel: "letter",
    reasons: ["a"],
    statement: "Saya keberatan atas penolakan ini.",
  });
  if (filed.status !== 201) throw new Error(`filing an objection: ${filed.status} ${JSON.stringify(filed.body)}`);
  return { requestId, objectionId: filed.body.objections.at(-1).id };
}
