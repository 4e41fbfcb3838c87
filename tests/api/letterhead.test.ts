import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The office's letterhead, set by admins, heads every PDF it hands on; the reports name codes as
// the app does and print units' names in full.

let siar: TestSiar;
let admin: ApiClient;
let leader: ApiClient;
let ppid: ApiClient;

const ADDRESS = "Jl. Jenderal Sudirman No. 1, Sanggau 78511";
const CONTACT = "Telp. (0564) 21001 · kominfo@sanggau.go.id";

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_DEMO_MONTH: "true", SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  [admin, leader, ppid] = await Promise.all([
    signedIn(siar.url, "admin@sanggau.demo"),
    signedIn(siar.url, "pimpinan@sanggau.demo"),
    signedIn(siar.url, "ppid@sanggau.demo"),
  ]);
});
afterAll(async () => siar?.close());

const logo = () =>
  sharp({ create: { width: 120, height: 120, channels: 3, background: "#0b5cad" } })
    .png()
    .toBuffer();

async function pdf(client: ApiClient, path: string): Promise<string> {
  const response = await fetch(siar.url + path, { headers: { cookie: client.cookie! } });
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type"), path).toBe("application/pdf");
  return extractPdfText(Buffer.from(await response.arrayBuffer()));
}

describe("the letterhead", () => {
  it("is set by admins only, each change audited", async () => {
    expect((await leader.patch("/api/organisation/letterhead", { address: ADDRESS, contact: CONTACT })).status).toBe(
      403,
    );
    const saved = await admin.patch("/api/organisation/letterhead", { address: ADDRESS, contact: CONTACT });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ address: ADDRESS, contact: CONTACT, logoUrl: null });

    const uploaded = await admin.request("POST", "/api/organisation/letterhead/logo", await logo(), {
      "content-type": "image/png",
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.logoUrl).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);
    expect((await fetch(siar.url + uploaded.body.logoUrl)).status).toBe(200);

    const actions = await siar.services.prisma.auditEvent.findMany({
      where: { targetId: "organisation.letterhead" },
      select: { action: true },
    });
    expect(actions.map((event) => event.action)).toEqual(
      expect.arrayContaining(["letterhead.update", "letterhead.logo_set"]),
    );
  });

  it("refuses a logo that is not a PNG or JPEG, or too big, and keeps the one before", async () => {
    const before = (await admin.get("/api/organisation/letterhead")).body.logoUrl;
    const fake = await admin.request("POST", "/api/organisation/letterhead/logo", Buffer.from("<svg></svg>"), {
      "content-type": "image/png",
    });
    expect(fake.status).toBe(415);
    expect(fake.body.error.code).toBe("unsupported_logo_file");
    const svg = await admin.request("POST", "/api/organisation/letterhead/logo", Buffer.from("<svg></svg>"), {
      "content-type": "image/svg+xml",
    });
    expect(svg.status).toBe(415);
    const huge = await admin.request("POST", "/api/organisation/letterhead/logo", Buffer.alloc(600 * 1024, 1), {
      "content-type": "image/png",
    });
    expect(huge.status).toBe(413);
    expect((await admin.get("/api/organisation/letterhead")).body.logoUrl).toBe(before);
  });

  it("heads the dashboard's PDF report, with full unit names and the app's words for codes", async () => {
    const text = await pdf(leader, "/api/reports/dashboard.pdf");
    expect(text).toContain(ADDRESS);
    expect(text).toContain("PEMERINTAH KABUPATEN SANGGAU");
    // Long names wrap rather than being cut with "…".
    expect(text.replaceAll("\n", " ")).toContain("Dinas Kependudukan dan Pencatatan Sipil");
    expect(text).not.toContain("…");
    // Codes as the app names them, never raw.
    expect(text).toMatch(/Infrastruktur|Pelayanan publik|Kesehatan/);
    for (const raw of ["infrastruktur", "pelayanan publik", "pelayanan_publik", "permohonan_informasi", "(website)"])
      expect(text, raw).not.toContain(raw);
    expect(text).not.toMatch(/^(pengaduan|aspirasi|pertanyaan|darurat|tinggi|normal|rendah)$/m);
  });

  it("heads the PPID's registers and letters", async () => {
    const year = new Date().getFullYear();
    const register = await pdf(ppid, `/api/ppid/registers/requests.pdf?year=${year}`);
    expect(register).toContain(ADDRESS);
    expect(register).toContain(CONTACT);
    const annual = await pdf(ppid, `/api/ppid/annual-reports/${year}/report.pdf`);
    expect(annual).toContain(ADDRESS);
  });

  it("leaves the logo out once removed", async () => {
    const removed = await admin.delete("/api/organisation/letterhead/logo");
    expect(removed.status).toBe(200);
    expect(removed.body.logoUrl).toBeNull();
    expect(await pdf(leader, "/api/reports/dashboard.pdf")).toContain(ADDRESS);
  });
});
