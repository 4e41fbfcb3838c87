import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST } from "@server/routes/staffApp.js";
import { firstScreenScripts } from "../helpers/firstScreen.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The built staff app as a browser receives it (after `npm run build`): precompressed, cached by hash.

type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request that leaves the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

let siar: TestSiar;
let entry: string;
beforeAll(async () => {
  siar = await startTestSiar();
  const html = (await rawGet(`${siar.url}/app/`)).body.toString();
  entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)![1]!;
});
afterAll(() => siar.close());

describe("serving the staff app", () => {
  it("sends a hashed asset brotli-compressed when asked, gzip otherwise, plain last, cached as immutable", async () => {
    const plain = fs.readFileSync(path.join(WEB_DIST, entry.replace(/^\/app\//, "")));
    const brotli = await rawGet(`${siar.url}${entry}`, { "accept-encoding": "gzip, deflate, br" });
    expect(brotli.status).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(brotli.body).equals(plain)).toBe(true);
    expect(brotli.body.length).toBeLessThan(plain.length / 2);

    const gzip = await rawGet(`${siar.url}${entry}`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(gunzipSync(gzip.body).equals(plain)).toBe(true);

    const identity = await rawGet(`${siar.url}${entry}`, { "accept-encoding": "identity" });
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(identity.body.equals(plain)).toBe(true);
  });

  it("asks for index.html again every time, and answers a missing asset with 404, not the app", async () => {
    for (const page of ["/app/", "/app/inbox"]) {
      const response = await rawGet(`${siar.url}${page}`, { "accept-encoding": "br" });
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body.toString()).toContain('<div id="root">');
    }
    expect((await rawGet(`${siar.url}/app/assets/missing-0000.js`, { "accept-encoding": "br" })).status).toBe(404);
    const outside = await rawGet(`${siar.url}/app/assets/..%2F..%2Fpackage.json`, { "accept-encoding": "br" });
    expect([400, 403, 404]).toContain(outside.status);
    expect(outside.body.toString()).not.toContain('"dependencies"');
  });

  it("loads the first screen with at most 200 KB of compressed JavaScript, the dashboard's charts not among it", () => {
    const scripts = firstScreenScripts(WEB_DIST);
    const brotli = scripts.reduce((sum, script) => sum + script.brotli, 0);
    const gzip = scripts.reduce((sum, script) => sum + script.gzip, 0);
    expect(brotli).toBeGreaterThan(0);
    expect(gzip).toBeLessThanOrEqual(200 * 1024);
    expect(scripts.some((script) => /Dashboard|Compose|Inbox/.test(script.file))).toBe(false);
  });
});
