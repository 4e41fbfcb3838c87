import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { dipEntry } from "../helpers/dip.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { projectContent, unitIdOf, uploadPhoto } from "../helpers/sites.js";

// The public unit sites: what a published desa entry looks like, the kecamatan's feed, sitemap
// and link previews, escaping of operators' text, English, and host names mapped by admins.

let siar: TestSiar;
let operator: ApiClient;
let camat: ApiClient;
let admin: ApiClient;
let desaId: string;
let projectId: string;
const HOSTILE = `Jembatan <script>alert("x")</script> & "Gantung"`;

beforeAll(async () => {
  siar = await startTestSiar();
  operator = await signedIn(siar.url, "operator.sungaimawang@sanggau.demo");
  camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  desaId = await unitIdOf(siar, "desa-sungai-mawang");
  const photo = await uploadPhoto(operator, desaId);
  const created = await operator.post(`/api/site-entries/units/${desaId}`, {
    kind: "project",
    content: projectContent({
      title: HOSTILE,
      benefits: "Warga <b>menyeberang</b> dengan aman.",
      stages: [{ date: "2026-05-01", progress: 50, note: "Lantai <img src=x onerror=alert(1)>", photos: [photo] }],
    }),
    submit: true,
  });
  projectId = created.body.id;
  expect((await camat.post(`/api/site-entries/${projectId}/approve`)).status).toBe(200);
});
afterAll(async () => siar?.close());

/** A GET with the Host and forwarding headers a browser or a proxy sends. */
function getWithHost(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { port } = new URL(siar.url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      })
      .on("error", reject);
  });
}

describe("a desa site", () => {
  it("shows the approved project, escaped, with the kecamatan's verification and last update", async () => {
    const page = await fetch(`${siar.url}/kecamatan/kapuas/sungai-mawang/pembangunan/${projectId}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Jembatan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Gantung&quot;");
    expect(body).not.toContain("<script>alert");
    expect(body).not.toContain("<img src=x");
    expect(body).toContain("Diverifikasi oleh Kecamatan Kapuas");
    expect(body).toContain("Terakhir diperbarui");
    expect(body).toMatch(/<meta property="og:title" content="Jembatan &lt;script&gt;/);
    expect(body).toMatch(/<meta property="og:image" content="http:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f]+\.png">/);
    expect(body).toContain("Dana Desa");
  });

  it("lists it on the desa's development page and in English", async () => {
    const english = await (await fetch(`${siar.url}/kecamatan/kapuas/sungai-mawang/pembangunan?lang=en`)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain("Development");
    expect(english).toContain(`/kecamatan/kapuas/sungai-mawang/pembangunan/${projectId}?lang=en`);
  });

  it("is answered with 404 for a desa or page that does not exist", async () => {
    expect((await fetch(`${siar.url}/kecamatan/kapuas/tidak-ada`)).status).toBe(404);
    expect(
      (await fetch(`${siar.url}/kecamatan/kapuas/sungai-mawang/pembangunan/00000000-0000-4000-8000-000000000000`))
        .status,
    ).toBe(404);
    expect((await fetch(`${siar.url}/kecamatan/tayan-hulu/sungai-mawang`)).status).toBe(404);
  });
});

describe("the kecamatan site", () => {
  it("compares its desa side by side", async () => {
    const body = await (await fetch(`${siar.url}/kecamatan/kapuas`)).text();
    expect(body).toContain("Desa dan kelurahan");
    // The demo's road at 60 % and this test's bridge at 40 %.
    expect(body).toMatch(/Desa Sungai Mawang<\/a><\/td><td class="n">2<\/td><td>50%/);
    expect(body).toContain("Kelurahan Beringin");
  });

  it("carries the desa's project in its RSS and Atom feeds and its sitemap", async () => {
    const rss = await (await fetch(`${siar.url}/kecamatan/kapuas/feed.xml`)).text();
    expect(rss).toContain(`/kecamatan/kapuas/sungai-mawang/pembangunan/${projectId}</link>`);
    expect(rss).toContain("Jembatan &lt;script&gt;");
    const atom = await fetch(`${siar.url}/kecamatan/kapuas/atom.xml`);
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    expect(await atom.text()).toContain("Desa Sungai Mawang");
    const sitemap = await (await fetch(`${siar.url}/kecamatan/kapuas/sungai-mawang/sitemap.xml`)).text();
    expect(sitemap).toContain(`/kecamatan/kapuas/sungai-mawang/pembangunan/${projectId}</loc>`);
    const main = await (await fetch(`${siar.url}/sitemap.xml`)).text();
    expect(main).toContain("/kecamatan/kapuas/sungai-mawang</loc>");
  });
});

describe("the PPID link of a unit site", () => {
  const ppidLinks = async (path: string) => {
    const body = await (await fetch(siar.url + path)).text();
    const nav = body.match(/<nav aria-label="[^"]*">(.*?)<\/nav>/s)?.[1] ?? "";
    return [...nav.matchAll(/<a href="([^"]*)">PPID<\/a>/g)].map((match) => match[1]);
  };

  it("leads a unit that is a PPID to its PPID profile", async () => {
    expect(await ppidLinks("/kecamatan/kapuas")).toEqual(["/ppid/kec-kapuas"]);
    expect((await fetch(`${siar.url}/ppid/kec-kapuas`)).status).toBe(200);
  });

  it("leads a desa to its part of the DIP once it has a published entry", async () => {
    // The demo's Sungai Mawang publishes its APBDes and BUM Desa information.
    const [link] = await ppidLinks("/kecamatan/kapuas/sungai-mawang");
    expect(link).toBe("/ppid/dip?unit=desa-sungai-mawang");
    expect(await (await fetch(siar.url + link)).text()).toContain("Sungai Mawang");

    const desa = await siar.services.prisma.unit.findFirstOrThrow({
      where: { type: "desa", parent: { code: "kec-kapuas" }, slug: { not: null }, dipItems: { none: {} } },
    });
    const desaSite = `/kecamatan/kapuas/${desa.slug}`;
    expect(await ppidLinks(desaSite)).toEqual([]);
    const ppidKapuas = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
    const created = await ppidKapuas.post("/api/dip-items", dipEntry(desa.id, { title: `APBDes ${desa.name} 2026` }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await ppidKapuas.post(`/api/dip-items/${created.body.id}/publish`)).status).toBe(200);

    const [desaLink] = await ppidLinks(desaSite);
    expect(desaLink).toBe(`/ppid/dip?unit=${encodeURIComponent(desa.code!)}`);
    expect(await (await fetch(siar.url + desaLink)).text()).toContain(`APBDes ${desa.name} 2026`);
  });
});

describe("a host name mapped by admins", () => {
  it("is validated and unique", async () => {
    const kapuas = await unitIdOf(siar, "kec-kapuas");
    expect((await admin.patch(`/api/sites/${kapuas}`, { host: "bukan host" })).status).toBe(400);
    expect((await camat.patch(`/api/sites/${kapuas}`, { host: "kapuas.sanggau.go.id" })).status).toBe(403);
    expect((await admin.patch(`/api/sites/${kapuas}`, { host: "Kapuas.Sanggau.go.id" })).body.host).toBe(
      "kapuas.sanggau.go.id",
    );
    const other = await admin.patch(`/api/sites/${await unitIdOf(siar, "kec-balai")}`, {
      host: "kapuas.sanggau.go.id",
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("site_host_taken");
  });

  it("serves that unit's site at / from the Host header, and from a trusted proxy's X-Forwarded-Host", async () => {
    const direct = await getWithHost("/", { host: "kapuas.sanggau.go.id" });
    expect(direct.status).toBe(200);
    expect(direct.body).toContain("<title>Kecamatan Kapuas</title>");
    expect(direct.body).toContain('<a href="/sungai-mawang">Desa Sungai Mawang</a>');
    expect(direct.body).toContain('<link rel="canonical" href="http://kapuas.sanggau.go.id">');
    const desa = await getWithHost(`/sungai-mawang/pembangunan/${projectId}`, { host: "kapuas.sanggau.go.id" });
    expect(desa.body).toContain("Diverifikasi oleh Kecamatan Kapuas");
    const proxied = await getWithHost("/feed.xml", {
      host: "127.0.0.1",
      "x-forwarded-host": "kapuas.sanggau.go.id",
      "x-forwarded-proto": "https",
    });
    expect(proxied.body).toContain(`<link>https://kapuas.sanggau.go.id/sungai-mawang/pembangunan/${projectId}</link>`);
    const unmapped = await getWithHost("/", { host: "lain.sanggau.go.id" });
    expect(unmapped.body).not.toContain("<title>Kecamatan Kapuas</title>");
  });
});
