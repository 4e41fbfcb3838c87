import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { dipEntry, tinyPdf, uploadDipFile } from "../helpers/dip.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The public PPID pages: the profiles, the DIP and an entry's page, in Bahasa Indonesia and
// English, with every text from staff escaped and nothing about the people who keep it.

const HOSTILE = `<script>alert(1)</script> & "kutip" <img src=x onerror=alert(2)>`;
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot; &lt;img src=x onerror=alert(2)&gt;";

let siar: TestSiar;
let ppidKapuas: ApiClient;
const units: Record<string, string> = {};
let hostileId: string;

beforeAll(async () => {
  siar = await startTestSiar();
  ppidKapuas = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
  for (const unit of await siar.services.prisma.unit.findMany()) units[unit.code!] = unit.id;
  const created = await ppidKapuas.post(
    "/api/dip-items",
    dipEntry(units["kec-kapuas"]!, {
      title: `Anggaran Zebrakuda ${HOSTILE}`,
      summary: `Ringkasan ${HOSTILE}\n\nLihat javascript:alert(3) dan https://contoh.go.id/a"b`,
      responsibleOfficial: HOSTILE,
      period: HOSTILE,
      retention: HOSTILE,
    }),
  );
  hostileId = created.body.id;
  await uploadDipFile(siar.url, ppidKapuas, hostileId, {
    bytes: tinyPdf("isi"),
    type: "application/pdf",
    name: `Berkas ${HOSTILE}.pdf`,
  });
  await ppidKapuas.post(`/api/dip-items/${hostileId}/publish`);
});
afterAll(async () => siar?.close());

const page = async (path: string) => {
  const response = await fetch(siar.url + path);
  return { status: response.status, text: await response.text(), headers: response.headers };
};

/** Every public surface of the DIP an outsider can read. */
const surfaces = () => [
  "/ppid",
  "/ppid/kec-kapuas",
  "/ppid/dip",
  "/ppid/dip?q=zebrakuda",
  `/ppid/dip/${hostileId}`,
  "/ppid/dip/dikecualikan",
  "/ppid/dip?format=csv",
  "/ppid/dip?format=json",
  "/ppid/dip/dikecualikan?format=json",
  "/ppid?lang=en",
  `/ppid/dip/${hostileId}?lang=en`,
];

describe("public PPID pages", () => {
  it("escape every text staff wrote, on the list, the entry page and the excepted list", async () => {
    for (const path of ["/ppid/dip?q=zebrakuda", `/ppid/dip/${hostileId}`, `/ppid/dip/${hostileId}?lang=en`]) {
      const { status, text } = await page(path);
      expect(status, path).toBe(200);
      expect(text, path).not.toContain("<script>alert");
      expect(text, path).not.toContain("<img src=x");
      expect(text, path).toContain(ESCAPED);
    }
    const entry = (await page(`/ppid/dip/${hostileId}`)).text;
    // Only http(s) addresses become links, and a quote ends them.
    expect(entry).not.toContain('href="javascript:');
    expect(entry).toContain('href="https://contoh.go.id/a"');
  });

  it("carry no personal data: no staff names, e-mail addresses or accounts of those who keep the DIP", async () => {
    const { prisma } = siar.services;
    const staff = await prisma.user.findMany({ select: { name: true, email: true, id: true } });
    for (const path of surfaces()) {
      const { status, text } = await page(path);
      expect(status, path).toBe(200);
      for (const person of staff) {
        expect(text, `${path} names ${person.name}`).not.toContain(person.name);
        expect(text, `${path} names ${person.email}`).not.toContain(person.email);
        expect(text, `${path} holds a user id`).not.toContain(person.id);
      }
      expect(text).not.toMatch(/createdBy|uploadedBy|storageKey|sha256/);
    }
  });

  it("show the PPID Utama's profile at /ppid with how to request and object, and each PPID Pelaksana's at /ppid/<code>", async () => {
    const utama = await page("/ppid");
    expect(utama.text).toContain("PPID Dinas Komunikasi dan Informatika");
    expect(utama.text).toContain('href="/ppid/permohonan"');
    expect(utama.text).toContain("Cara mengajukan keberatan");
    expect(utama.text).toContain("Senin–Kamis 07.30–16.00 WIB");
    expect(utama.text).toContain('href="tel:056421001"');
    expect(utama.text).toContain('href="/ppid/kec-kapuas"');

    const kapuas = await page("/ppid/kec-kapuas");
    expect(kapuas.text).toContain("PPID Kecamatan Kapuas");
    expect(kapuas.text).toContain('href="/ppid/dip?unit=kec-kapuas"');
    // Not a PPID: the route leaves it to the rest of the site.
    expect((await page("/ppid/satpol-pp")).status).toBe(404);
  });

  it("a profile written by the unit's PPID shows at once, escaped; a unit that is not a PPID has none", async () => {
    const profile = {
      about: `PPID Kapuas ${HOSTILE}`,
      requestProcedure: "Datang ke kantor camat.",
      objectionProcedure: "Ajukan keberatan kepada camat.",
      serviceStandard: "10 hari kerja.",
      serviceHours: "Senin–Jumat 08.00–12.00 WIB",
      address: "Jalan Baru 9",
      phone: "0564 22099",
      email: null,
    };
    const saved = await ppidKapuas.request("PUT", `/api/ppid-profiles/${units["kec-kapuas"]}`, profile);
    expect(saved.status).toBe(200);
    expect(saved.body.publicUrl).toMatch(/\/ppid\/kec-kapuas$/);
    const text = (await page("/ppid/kec-kapuas")).text;
    expect(text).toContain(`PPID Kapuas ${ESCAPED}`);
    expect(text).toContain("Senin–Jumat 08.00–12.00 WIB");
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const refused = await admin.request("PUT", `/api/ppid-profiles/${units["satpol-pp"]}`, profile);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("not_a_ppid_unit");
    const audit = await siar.services.prisma.auditEvent.findFirst({
      where: { action: "ppid_profile.update", targetId: units["kec-kapuas"] },
    });
    expect(audit?.changes).toMatchObject({ address: { to: "Jalan Baru 9" } });
  });

  it("speak English on request, with the page's language declared and a way back", async () => {
    const english = await page("/ppid/dip?lang=en&q=zebrakuda");
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain("Public Information List");
    expect(english.text).toContain("1 entry found");
    expect(english.text).toContain('hreflang="id"');
    const indonesian = await page("/ppid/dip?q=zebrakuda");
    expect(indonesian.text).toContain('<html lang="id">');
    expect(indonesian.text).toContain("1 informasi ditemukan");
  });

  it("answer addresses they cannot read with a page, never a 500", async () => {
    for (const path of ["/ppid/dip?tahun=abc", "/ppid/dip?halaman=0", "/ppid/dip?q=a%00b", "/ppid/dip?format=xml"]) {
      const { status, text } = await page(path);
      expect(status, path).toBe(400);
      expect(text).toContain("Alamat tidak valid");
    }
    for (const path of [
      "/ppid/dip/bukan-uuid",
      `/ppid/dip/${units["kec-kapuas"]}`,
      `/ppid/dip/${hostileId}/berkas/${hostileId}`,
    ]) {
      expect((await page(path)).status, path).toBe(404);
    }
  });
});
