import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { localeFromHeader } from "@server/i18n/locale.js";
import { PageCache, SHAREABLE_PAGE } from "@server/routes/public/pageCache.js";

// The page cache in front of a small app whose handlers count their renders.

let server: http.Server;
let baseUrl: string;
let clock = 1_750_000_000_000;
let cache: PageCache;
const renders = new Map<string, number>();
const LONG_TEXT = "Pengumuman banjir di Kecamatan Kapuas. ".repeat(100);
/** When the data behind /data/daftar.csv last changed, and its version, as its handler reports them. */
let dataChanged = { at: new Date("2026-03-02T08:15:42.250Z"), version: 1 };

function counted(path: string) {
  renders.set(path, (renders.get(path) ?? 0) + 1);
}

function testApp(pageCache: PageCache) {
  const app = express();
  app.use((req, _res, next) => {
    req.locale = localeFromHeader(req.get("accept-language"));
    next();
  });
  app.use(pageCache.middleware());
  const shareable = (res: express.Response) => res.set("Cache-Control", SHAREABLE_PAGE).type("html");
  app.get("/halaman", (req, res) => {
    counted(req.path);
    shareable(res)
      .set("Content-Language", req.locale)
      .send(`${req.locale === "en" ? "Hello" : "Halo"} ${LONG_TEXT}`);
  });
  app.get("/data/daftar.csv", (req, res) => {
    counted(req.path);
    shareable(res)
      .type("text/csv")
      .set({ "Last-Modified": dataChanged.at.toUTCString(), ETag: `"daftar-${dataChanged.version}"` })
      .send(`nomor,ringkasan\r\n${dataChanged.version},${LONG_TEXT}\r\n`);
  });
  app.get("/lambat", async (req, res) => {
    counted(req.path);
    await new Promise((resolve) => setTimeout(resolve, 100));
    shareable(res).send(LONG_TEXT);
  });
  app.get("/cookie", (req, res) => {
    counted(req.path);
    shareable(res).cookie("pilihan", "1").send(LONG_TEXT);
  });
  app.get("/pribadi", (req, res) => {
    counted(req.path);
    res.set("Cache-Control", "private, max-age=60").send(LONG_TEXT);
  });
  app.get("/per-pengguna", (req, res) => {
    counted(req.path);
    shareable(res).vary("Cookie").send(LONG_TEXT);
  });
  app.get("/tanpa-izin", (req, res) => {
    counted(req.path);
    res.send(LONG_TEXT);
  });
  app.get("/hilang", (req, res) => {
    counted(req.path);
    shareable(res).status(404).send("Tidak ditemukan");
  });
  app.get("/besar/:n", (req, res) => {
    counted(req.path);
    shareable(res).send(`${req.params.n}${"x".repeat(400)}`);
  });
  return app;
}

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request with exactly the headers given (fetch would add its own Accept-Encoding). */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .request(`${baseUrl}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject)
      .end();
  });
}

async function listen(app: express.Express) {
  const started = http.createServer(app);
  await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
  return { server: started, url: `http://127.0.0.1:${(started.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  cache = new PageCache({ ttlSeconds: 20, maxBytes: 8 * 1024 * 1024, now: () => clock });
  ({ server, url: baseUrl } = await listen(testApp(cache)));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  cache.invalidate();
  renders.clear();
});

describe("the page cache", () => {
  it("renders a shareable page once, then serves it with validators and its lifetime", async () => {
    const first = await get("/halaman");
    const second = await get("/halaman");
    expect(first.headers["x-cache"]).toBe("MISS");
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(renders.get("/halaman")).toBe(1);
    expect(second.body.toString()).toBe(first.body.toString());
    expect(second.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers["last-modified"]).toBe(new Date(clock).toUTCString());
    expect(second.headers["cache-control"]).toBe("public, max-age=20, stale-while-revalidate=20");
    expect(second.headers.vary).toBe("Accept-Encoding, Accept-Language");
    // Headers the handler set besides the body's travel with the kept page.
    expect(second.headers["content-language"]).toBe("id");
    expect(second.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("says how long a page has been kept, and renders it again after its lifetime", async () => {
    await get("/halaman");
    clock += 7_000;
    expect((await get("/halaman")).headers.age).toBe("7");
    clock += 13_000;
    const expired = await get("/halaman");
    expect(expired.headers["x-cache"]).toBe("MISS");
    expect(expired.headers.age).toBe("0");
    expect(renders.get("/halaman")).toBe(2);
    // The page did not change: it keeps its Last-Modified.
    expect(expired.headers["last-modified"]).toBe(new Date(clock - 20_000).toUTCString());
  });

  it("answers 304 to a client whose copy is current, by ETag or by date", async () => {
    const first = await get("/halaman");
    const byEtag = await get("/halaman", { "If-None-Match": `"other", ${first.headers.etag}` });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body.length).toBe(0);
    expect(byEtag.headers.etag).toBe(first.headers.etag);
    expect((await get("/halaman", { "If-None-Match": '"other"' })).status).toBe(200);
    expect((await get("/halaman", { "If-Modified-Since": first.headers["last-modified"]! })).status).toBe(304);
    const before = new Date(clock - 60_000).toUTCString();
    expect((await get("/halaman", { "If-Modified-Since": before })).status).toBe(200);
    expect(renders.get("/halaman")).toBe(1);
  });

  it("keeps the validators a page's handler set, across hits, and answers conditional requests by them", async () => {
    dataChanged = { at: new Date("2026-03-02T08:15:42.250Z"), version: 1 };
    const first = await get("/data/daftar.csv");
    clock += 5_000;
    const second = await get("/data/daftar.csv", { "Accept-Encoding": "br" });
    expect([first.headers["x-cache"], second.headers["x-cache"]]).toEqual(["MISS", "HIT"]);
    for (const response of [first, second]) {
      // The data's own date (to the second), not when the cache rendered or served it.
      expect(response.headers["last-modified"]).toBe("Mon, 02 Mar 2026 08:15:42 GMT");
      // Weak: the compressed bodies are not byte-equal to the handler's.
      expect(response.headers.etag).toBe('W/"daftar-1"');
    }
    expect(second.headers["content-encoding"]).toBe("br");
    const since = (date: string) => get("/data/daftar.csv", { "If-Modified-Since": date });
    expect((await since("Mon, 02 Mar 2026 08:15:42 GMT")).status).toBe(304);
    expect((await since("Mon, 02 Mar 2026 08:15:41 GMT")).status).toBe(200);
    expect((await get("/data/daftar.csv", { "If-None-Match": '"daftar-1"' })).status).toBe(304);
    expect(renders.get("/data/daftar.csv")).toBe(1);

    // The data changes: once the cache renders the page again, its date and version move.
    dataChanged = { at: new Date("2026-03-02T09:00:07.900Z"), version: 2 };
    cache.invalidate();
    const changed = await since("Mon, 02 Mar 2026 08:15:42 GMT");
    expect(changed.status).toBe(200);
    expect(changed.body.toString()).toMatch(/^nomor,ringkasan\r\n2,/);
    expect(changed.headers["last-modified"]).toBe("Mon, 02 Mar 2026 09:00:07 GMT");
    expect((await get("/data/daftar.csv", { "If-None-Match": 'W/"daftar-1"' })).status).toBe(200);
    expect((await since("Mon, 02 Mar 2026 09:00:07 GMT")).status).toBe(304);
  });

  it("sends brotli or gzip, compressed once, to clients that accept them", async () => {
    const plain = await get("/halaman");
    const br = await get("/halaman", { "Accept-Encoding": "gzip, deflate, br" });
    const gzip = await get("/halaman", { "Accept-Encoding": "gzip" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
    expect(br.body.length).toBeLessThan(plain.body.length / 10);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(renders.get("/halaman")).toBe(1);
  });

  it("keeps one page per language", async () => {
    const indonesian = await get("/halaman", { "Accept-Language": "id-ID,id;q=0.9" });
    const english = await get("/halaman", { "Accept-Language": "en-GB,en;q=0.9" });
    expect(english.headers["x-cache"]).toBe("MISS");
    expect(english.body.toString()).toMatch(/^Hello/);
    expect(indonesian.body.toString()).toMatch(/^Halo/);
    expect((await get("/halaman", { "Accept-Language": "en" })).body.toString()).toMatch(/^Hello/);
    expect((await get("/halaman")).body.toString()).toMatch(/^Halo/);
    expect(renders.get("/halaman")).toBe(2);
  });

  it("keeps one page per host name", async () => {
    await get("/halaman", { Host: "kapuas.sanggau.example" });
    expect((await get("/halaman", { Host: "sanggau.example" })).headers["x-cache"]).toBe("MISS");
    expect((await get("/halaman", { Host: "kapuas.sanggau.example" })).headers["x-cache"]).toBe("HIT");
  });

  it("renders once for fifty readers arriving together at an empty entry", async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => get("/lambat")));
    expect(renders.get("/lambat")).toBe(1);
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(responses.filter((response) => response.headers["x-cache"] === "MISS")).toHaveLength(1);
    expect(new Set(responses.map((response) => response.body.toString())).size).toBe(1);
  });

  it("never keeps a page that sets a cookie, is private, varies by cookie, or was not called shareable", async () => {
    for (const path of ["/cookie", "/pribadi", "/per-pengguna", "/tanpa-izin"]) {
      const first = await get(path);
      const second = await get(path);
      expect(second.headers["x-cache"], path).toBeUndefined();
      expect(renders.get(path), path).toBe(2);
      if (path === "/cookie") expect(second.headers["set-cookie"]).toEqual(["pilihan=1; Path=/"]);
      expect(first.status).toBe(200);
    }
  });

  it("never keeps an error", async () => {
    await get("/hilang");
    const second = await get("/hilang");
    expect(second.status).toBe(404);
    expect(second.headers["x-cache"]).toBeUndefined();
    expect(renders.get("/hilang")).toBe(2);
  });

  it("drops what rendered while a change was announced, and renders afresh after it", async () => {
    const during = get("/lambat");
    await new Promise((resolve) => setTimeout(resolve, 20));
    cache.invalidate();
    expect((await during).headers["x-cache"]).toBe("MISS");
    expect((await get("/lambat")).headers["x-cache"]).toBe("MISS");
    expect(renders.get("/lambat")).toBe(2);
  });

  it("answers HEAD from a kept page without a body", async () => {
    await get("/halaman");
    const head = await get("/halaman", {}, "HEAD");
    expect(head.headers["x-cache"]).toBe("HIT");
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(1000);
  });
});

describe("the page cache's memory", () => {
  it("stays within its limit by dropping the least recently used pages", async () => {
    const small = new PageCache({ ttlSeconds: 20, maxBytes: 16 * 1024, now: () => clock });
    const { server: smallServer, url } = await listen(testApp(small));
    const previous = baseUrl;
    baseUrl = url;
    try {
      await get("/besar/0");
      for (let n = 1; n <= 60; n++) {
        await get(`/besar/${n}`);
        await get("/besar/0"); // used again and again: stays
        expect(small.stats.bytes).toBeLessThanOrEqual(16 * 1024);
      }
      expect(small.stats.entries).toBeLessThan(61);
      expect((await get("/besar/0")).headers["x-cache"]).toBe("HIT");
      expect((await get("/besar/1")).headers["x-cache"]).toBe("MISS");
    } finally {
      baseUrl = previous;
      await new Promise<void>((resolve) => smallServer.close(() => resolve()));
    }
  });
});
