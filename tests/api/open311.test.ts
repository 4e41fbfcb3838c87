import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countHit } from "@server/auth/rateLimit.js";
import { escapeXml } from "@server/open311/format.js";
import { signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { fieldsOf, parseXml } from "../helpers/xml.js";

// Field lists of the spec's example payloads (wiki.open311.org/GeoReport_v2), in their order.
const SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
const REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];
const POST_ANSWER_FIELDS = ["service_request_id", "service_notice", "account_id"];

let siar: TestSiar;
let inboxKey: string;
let inboxKeyId: string;
let readKey: string;
const CITIZEN = {
  first_name: "Siti",
  last_name: "Rahmawati",
  email: "siti.rahma@contoh.id",
  phone: "0812 3456 7890",
};
const SECRET_WORDS = "rumah Bu Siti nomor 12 sebelah warung";

beforeAll(async () => {
  siar = await startTestSiar();
  const humas = await signedIn(siar.url, "humas@sanggau.demo");
  const inbox = await humas.post("/api/auth/tokens", { name: "aplikasi kota", scopes: ["inbox"] });
  inboxKey = inbox.body.token;
  inboxKeyId = inbox.body.apiToken.id;
  readKey = (await humas.post("/api/auth/tokens", { name: "hanya baca", scopes: ["read"] })).body.token;
});
afterAll(() => siar?.close());

async function get(path: string) {
  const response = await fetch(`${siar.url}/open311/v2${path}`);
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}
const getJson = async (path: string) => {
  const response = await get(path);
  return { ...response, body: JSON.parse(response.text) };
};

async function post(fields: Record<string, string>, format = "json", as: "form" | "json" = "form") {
  const response = await fetch(`${siar.url}/open311/v2/requests.${format}`, {
    method: "POST",
    headers: { "content-type": as === "form" ? "application/x-www-form-urlencoded" : "application/json" },
    body: as === "form" ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
  });
  const text = await response.text();
  return { status: response.status, text, body: format === "json" ? JSON.parse(text) : parseXml(text) };
}

const validPost = (extra: Record<string, string> = {}) => ({
  api_key: inboxKey,
  service_code: "infrastruktur",
  lat: "0.123456",
  long: "110.598765",
  address_string: "Jalan Sungai Mawang, Desa Sungai Mawang",
  description: `Jembatan kayu di dekat ${SECRET_WORDS} rusak dan berlubang.`,
  ...CITIZEN,
  ...extra,
});

function expectError(body: unknown, code: number, description: RegExp) {
  expect(body).toEqual([{ code, description: expect.stringMatching(description) }]);
}

/** A request's service code is its triage's category: wait until the arrival triage has read it. */
async function arrivalTriaged(id: string): Promise<void> {
  for (let wait = 0; wait < 100; wait++) {
    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id } });
    if (item.category) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the arrival triage did not read ${id} within 10 s`);
}

describe("Open311 services", () => {
  it("lists Siar's inbox categories as services, in JSON and XML", async () => {
    const json = await getJson("/services.json");
    expect(json.status).toBe(200);
    expect(json.body).toHaveLength(11);
    for (const service of json.body) {
      expect(Object.keys(service)).toEqual(SERVICE_FIELDS);
      expect(service.metadata).toBe(false);
      expect(service.type).toBe("realtime");
    }
    expect(json.body[0]).toEqual({
      service_code: "infrastruktur",
      service_name: "Infrastruktur",
      description: "Infrastruktur: jalan, jembatan, saluran air, lampu jalan",
      metadata: false,
      type: "realtime",
      keywords: "jalan, jembatan, saluran air, lampu jalan",
      group: "Aspirasi dan pengaduan warga",
    });

    const xml = await get("/services.xml");
    expect(xml.type).toContain("application/xml");
    const root = parseXml(xml.text);
    expect(root.name).toBe("services");
    expect(root.children.map((child) => child.name)).toEqual(Array(11).fill("service"));
    expect(fieldsOf(root.children[0]!)).toEqual({ ...json.body[0], metadata: "false" });
  });

  it("answers a definition with no attributes (metadata false), and 404 for an unknown code", async () => {
    expect((await getJson("/services/kesehatan.json")).body).toEqual({ service_code: "kesehatan", attributes: [] });
    const xml = parseXml((await get("/services/kesehatan.xml")).text);
    expect(xml.name).toBe("service_definition");
    expect(xml.children.map((c) => c.name)).toEqual(["service_code", "attributes"]);
    const unknown = await getJson("/services/parkir.json");
    expect(unknown.status).toBe(404);
    expectError(unknown.body, 404, /parkir/);
    expect((await get("/services.csv")).status).toBe(404);
  });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The tracking number the filer is told in service_notice. */
const trackingNumberIn = (notice: string) => /SIAR-\d{4}-[2-9A-Z]{6}/.exec(notice)?.[0];

describe("Open311 requests", () => {
  /** The public reference of the first report, and its citizen's tracking number. */
  let filed: string;
  let trackingNumber: string;

  it("files a form-encoded POST with api_key as a web report in the inbox, triaged and routed", async () => {
    const answer = await post(validPost());
    expect(answer.status).toBe(201);
    expect(answer.body).toHaveLength(1);
    expect(Object.keys(answer.body[0])).toEqual(POST_ANSWER_FIELDS);
    expect(answer.body[0].service_request_id).toMatch(UUID);
    expect(answer.body[0].account_id).toBeNull();
    filed = answer.body[0].service_request_id;
    // The tracking number goes to the filer only, in the notice, with where to follow the report.
    trackingNumber = trackingNumberIn(answer.body[0].service_notice)!;
    expect(trackingNumber).toBeTruthy();
    expect(answer.body[0].service_notice).toContain(`${siar.services.config.publicBaseUrl}/lacak/${trackingNumber}`);
    expect(answer.body[0].service_notice).toMatch(/Nomor pelacakan/);

    const { prisma } = siar.services;
    const desa = await prisma.unit.findFirstOrThrow({ where: { code: "desa-sungai-mawang" } });
    const item = await prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber } });
    expect(item.id).toBe(filed);
    // The number in the notice opens the citizen's tracking page.
    const tracking = await fetch(`${siar.url}/lacak/${trackingNumber}`);
    expect(tracking.status).toBe(200);
    expect(await tracking.text()).toContain(trackingNumber);
    expect(item.source).toBe("web_report");
    expect(item.authorName).toBe("Siti Rahmawati");
    expect(item.contact).toEqual({ phone: "+6281234567890", email: "siti.rahma@contoh.id" });
    expect(item.placeUnitId).toBe(desa.id);
    expect(item.text).toContain(SECRET_WORDS);
    expect(item.location).toEqual({ lat: 0.123456, lng: 110.598765 });
    // Triage and routing run as for every arriving item.
    for (let wait = 0; wait < 100; wait++) {
      const now = await prisma.inboxItem.findUniqueOrThrow({ where: { id: item.id } });
      if (now.status !== "new" && now.unitId) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const routed = await prisma.inboxItem.findUniqueOrThrow({ where: { id: item.id }, include: { unit: true } });
    expect(routed.status).not.toBe("new");
    expect(routed.category).toBe("infrastruktur");
    expect(routed.unit).not.toBeNull();
  });

  it("takes JSON too, and answers in XML when asked", async () => {
    const answer = await post(
      validPost({ service_code: "kesehatan", description: "Puskesmas Kapuas tutup sejak pagi." }),
      "xml",
      "json",
    );
    expect(answer.status).toBe(201);
    const root = answer.body as ReturnType<typeof parseXml>;
    expect(root.name).toBe("service_requests");
    expect(root.children[0]!.name).toBe("request");
    expect(Object.keys(fieldsOf(root.children[0]!))).toEqual(POST_ANSWER_FIELDS);
    expect(fieldsOf(root.children[0]!).service_request_id).toMatch(UUID);
    expect(trackingNumberIn(fieldsOf(root.children[0]!).service_notice!)).toBeTruthy();
  });

  it("shows a request by id with the spec's fields and no personal data", async () => {
    const answer = await getJson(`/requests/${filed}.json`);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(1);
    const request = answer.body[0];
    expect(Object.keys(request)).toEqual(REQUEST_FIELDS);
    expect(request).toMatchObject({
      service_request_id: filed,
      status: "open",
      service_code: "infrastruktur",
      service_name: "Infrastruktur",
      address: expect.stringMatching(/Sungai Mawang/),
      address_id: null,
      zipcode: null,
      lat: 0.12,
      long: 110.6,
      media_url: null,
      service_notice: null,
    });
    expect(request.agency_responsible).toEqual(expect.any(String));
    expect(new Date(request.requested_datetime).toISOString()).toBe(request.requested_datetime);
    for (const personal of [...Object.values(CITIZEN), "+6281234567890", "Siti", SECRET_WORDS, "0.123456"]) {
      expect(answer.text).not.toContain(personal);
    }
    // Nor the citizen's key to their tracking page, here or in the list.
    expect(answer.text).not.toContain(trackingNumber);
    const list = await get("/requests.json");
    expect(list.text).toContain(filed);
    expect(list.text).not.toMatch(/SIAR-\d{4}-/);
    expect((await get("/requests.xml")).text).not.toMatch(/SIAR-\d{4}-/);
    const xml = await get(`/requests/${filed}.xml`);
    const record = fieldsOf(parseXml(xml.text).children[0]!);
    expect(Object.keys(record)).toEqual(REQUEST_FIELDS);
    expect(record.service_request_id).toBe(filed);
    expect(xml.text).not.toContain("Siti");

    const unknown = await getJson("/requests/SIAR-2601-ZZZZZZ.json");
    expect(unknown.status).toBe(404);
    expectError(unknown.body, 404, /service_request_id/);
    expect((await getJson("/requests/00000000-0000-4000-8000-000000000000.json")).status).toBe(404);
  });

  it("still finds a report by the tracking number once given as its id, within the tracking page's lookup limit", async () => {
    const byNumber = await getJson(`/requests/${trackingNumber.toLowerCase()}.json`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body[0].service_request_id).toBe(filed);
    expect(byNumber.text).not.toContain(trackingNumber);
    expect((await getJson(`/requests.json?service_request_id=${trackingNumber}`)).body[0].service_request_id).toBe(
      filed,
    );
    // Guessing numbers here costs what it costs on /lacak: the same budget per address.
    const { key } = await siar.services.prisma.rateLimitCounter.findFirstOrThrow({
      where: { key: { startsWith: "lacak:ip:" } },
    });
    for (let hit = 0; hit < 30; hit++) await countHit(siar.services.prisma, key, 30, 15 * 60_000);
    const refused = await getJson(`/requests/${trackingNumber}.json`);
    expect(refused.status).toBe(429);
    expectError(refused.body, 429, /Terlalu banyak/);
    expect((await fetch(`${siar.url}/lacak/${trackingNumber}`)).status).toBe(429);
    // The public reference is no guess at anything: not limited.
    expect((await getJson(`/requests/${filed}.json`)).status).toBe(200);
    await siar.services.prisma.rateLimitCounter.deleteMany({ where: { key: { startsWith: "lacak:" } } });
  });

  it("filters the list as the spec says", async () => {
    const second = (
      await post(validPost({ service_code: "lingkungan", description: "Sampah menumpuk di Desa Sungai Mawang." }))
    ).body[0].service_request_id;
    await arrivalTriaged(second);
    const ids = async (query: string) =>
      ((await getJson(`/requests.json${query}`)).body as { service_request_id: string }[]).map(
        (r) => r.service_request_id,
      );
    expect(await ids("")).toEqual(expect.arrayContaining([filed, second]));
    expect((await ids(`?service_request_id=${filed},${second}`)).sort()).toEqual([filed, second].sort());
    expect(await ids("?service_code=lingkungan")).toContain(second);
    expect(await ids("?service_code=lingkungan")).not.toContain(filed);
    expect(await ids("?status=closed")).not.toContain(filed);
    expect(await ids("?status=open")).toContain(filed);
    expect(await ids("?start_date=2099-01-01T00:00:00Z")).toEqual([]);
    expect(await ids("?end_date=2020-01-01T00:00:00Z")).toEqual([]);
    const bad = await getJson("/requests.json?start_date=kemarin");
    expect(bad.status).toBe(400);
    expectError(bad.body, 400, /start_date/);
    expectError((await getJson("/requests.json?status=pending")).body, 400, /status/);
    const xml = parseXml((await get(`/requests.xml?service_request_id=${second}`)).text);
    expect(xml.children.map((c) => fieldsOf(c).service_request_id)).toEqual([second]);
  });

  it("answers errors in the spec's shape with proper statuses", async () => {
    const { api_key: _key, ...withoutKey } = validPost();
    const noKey = await post(withoutKey);
    expect(noKey.status).toBe(403);
    expectError(noKey.body, 403, /api_key/);
    expectError((await post(validPost({ api_key: "siar_bukan-token" }))).body, 403, /api_key/);

    const readOnly = await post(validPost({ api_key: readKey }));
    expect(readOnly.status).toBe(403);
    expectError(readOnly.body, 403, /inbox/);

    const { service_code: _code, ...noService } = validPost();
    const missing = await post(noService);
    expect(missing.status).toBe(400);
    expectError(missing.body, 400, /service_code/);
    const { lat: _lat, long: _long, address_string: _address, ...nowhere } = validPost();
    expectError((await post(nowhere)).body, 400, /lat\/long atau address_string/);
    expectError((await post(validPost({ service_code: "parkir" }))).body, 400, /service_code/);

    const xml = await post({ ...noService }, "xml");
    expect(xml.status).toBe(400);
    const errors = xml.body as ReturnType<typeof parseXml>;
    expect(errors.name).toBe("errors");
    expect(fieldsOf(errors.children[0]!)).toEqual({ code: "400", description: expect.stringMatching(/service_code/) });
    expect(await siar.services.prisma.inboxItem.count({ where: { authorName: "Siti Rahmawati" } })).toBe(3);
  });

  it("escapes everything in XML", () => {
    expect(escapeXml(`<a href="x">&'\u0001</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(() => parseXml(`<a>${escapeXml("<b>&</b>")}</a>`)).not.toThrow();
  });

  it("limits how often one api_key files", async () => {
    for (let hit = 0; hit < 60; hit++)
      await countHit(siar.services.prisma, `open311:token:${inboxKeyId}`, 60, 3_600_000);
    const refused = await post(validPost());
    expect(refused.status).toBe(429);
    expectError(refused.body, 429, /Terlalu banyak/);
  });
});

describe("Open311 in English", () => {
  const english = { "accept-language": "en-GB,en;q=0.9" };
  // The key used its hour's filings in the test of the limit.
  beforeAll(() => siar.services.prisma.rateLimitCounter.deleteMany({ where: { key: { startsWith: "open311:" } } }));
  async function getIn(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${siar.url}/open311/v2${path}`, { headers });
    const text = await response.text();
    return { status: response.status, text, body: path.includes(".xml") ? parseXml(text) : JSON.parse(text) };
  }

  it("names the services in English with locale=en or Accept-Language, Indonesian otherwise", async () => {
    for (const [path, headers] of [
      ["/services.json?locale=en", {}],
      ["/services.json?locale=en_US", {}],
      ["/services.json", english],
    ] as const) {
      const answer = await getIn(path, headers);
      expect(answer.body[0], path).toEqual({
        service_code: "infrastruktur",
        service_name: "Infrastructure",
        description: "Infrastructure: roads, bridges, drains, street lights",
        metadata: false,
        type: "realtime",
        keywords: "roads, bridges, drains, street lights",
        group: "Citizens' aspirations and complaints",
      });
    }
    // The parameter wins over the header; a language Siar does not speak is Indonesian.
    expect((await getIn("/services.json?locale=id", english)).body[0].service_name).toBe("Infrastruktur");
    expect((await getIn("/services.json?locale=fr")).body[0].service_name).toBe("Infrastruktur");
    const xml = await getIn("/services.xml?locale=en");
    expect(fieldsOf((xml.body as ReturnType<typeof parseXml>).children[5]!).service_name).toBe("Social assistance");
  });

  it("writes a request's status notes and description in the language asked for", async () => {
    const filed = (
      await post(validPost({ service_code: "kesehatan", description: "Puskesmas Sungai Mawang kekurangan obat." }))
    ).body[0].service_request_id as string;
    // Shown as "lainnya" until the arrival triage has read it.
    await arrivalTriaged(filed);
    const [inEnglish] = (await getIn(`/requests/${filed}.json?locale=en`)).body;
    expect(inEnglish).toMatchObject({
      service_request_id: filed,
      service_name: "Health",
      description: expect.stringMatching(/^Citizen report: Health, .*Sungai Mawang/),
      status_notes: expect.stringMatching(/^The report /),
    });
    const [inIndonesian] = (await getIn(`/requests/${filed}.json`)).body;
    expect(inIndonesian).toMatchObject({
      service_name: "Kesehatan",
      description: expect.stringMatching(/^Laporan warga: Kesehatan, /),
      status_notes: expect.stringMatching(/^Laporan /),
    });
    const list = await getIn(`/requests.json?service_request_id=${filed}`, english);
    expect(list.body[0].status_notes).toBe(inEnglish.status_notes);
  });

  it("tells the filer in English when the POST asks for it", async () => {
    const answer = await post(
      validPost({ locale: "en", description: "Lampu jalan di Desa Sungai Mawang padam sejak kemarin." }),
    );
    expect(answer.status).toBe(201);
    const notice: string = answer.body[0].service_notice;
    expect(notice).toMatch(/^The report was received/);
    expect(notice).toContain(`/lacak/${trackingNumberIn(notice)}`);
  });

  it("refuses in English when asked, in Indonesian by default", async () => {
    const date = await getIn("/requests.json?start_date=yesterday&locale=en");
    expect(date.status).toBe(400);
    expectError(date.body, 400, /^start_date: not a W3C date-time/);
    expectError((await getIn("/requests.json?start_date=kemarin")).body, 400, /^start_date: bukan tanggal-waktu W3C/);
    expectError((await getIn("/services/parkir.json", english)).body, 404, /^Unknown service_code: parkir/);
    expectError((await getIn("/services/parkir.json")).body, 404, /^service_code tidak dikenal: parkir/);
    expectError((await getIn("/nowhere.json?locale=en")).body, 404, /^Unknown Open311 address/);
    expectError((await getIn("/services.csv")).body, 404, /^Format tidak dikenal/);

    const { description: _description, ...noDescription } = validPost();
    const english400 = await post({ ...noDescription, locale: "en" });
    expect(english400.status).toBe(400);
    expectError(english400.body, 400, /^description: Invalid input/);
    expectError((await post(noDescription)).body, 400, /^description: Input tidak valid/);
    const { email: _email, phone: _phone, ...noContact } = validPost();
    expectError((await post({ ...noContact, locale: "en" })).body, 400, /^email or phone is required/);
    expectError((await post(noContact)).body, 400, /^email atau phone wajib diisi/);
    expectError((await post({ ...validPost(), api_key: "salah", locale: "en" })).body, 403, /^Invalid api_key/);
    expectError((await post({ ...validPost(), api_key: "salah" })).body, 403, /^api_key tidak valid/);
  });
});
