import fc from "fast-check";
import { encodeCursor } from "@server/routes/pagination.js";
import type { RouteInfo } from "./routes.js";

/** One generated request: who sends it, what, and whether it carries the CSRF token. */
export type FuzzRequest = {
  as: "admin" | "anonymous";
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  csrf: boolean;
  language: "id" | "en";
};

/** Real ids by kind, read from the demo database, so that generated bodies reach the operations too. */
export type KnownIds = Record<string, string[]>;

/** Field names the API's schemas know, so generated bodies get past "unknown key". */
const BODY_KEYS = [
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "name",
  "locale",
  "title",
  "body",
  "text",
  "note",
  "link",
  "hashtags",
  "mediaIds",
  "channelIds",
  "overrides",
  "scheduledAt",
  "unitId",
  "parentId",
  "type",
  "code",
  "timezone",
  "active",
  "role",
  "unitIds",
  "status",
  "assigneeId",
  "kind",
  "category",
  "urgency",
  "placeUnitId",
  "intoId",
  "intoUnitId",
  "region",
  "ids",
  "action",
  "language",
  "monthlyRequestBudget",
  "monthlySpendBudget",
  "unitPrice",
  "xLinkPlacement",
  "url",
  "events",
  "description",
  "templateId",
  "parameters",
  "credentials",
  "settings",
  "externalId",
  "priority",
  "expiresInDays",
  "to",
  "channel",
  "receivedAt",
  "inboxItemId",
  "applicant",
  "identityNumber",
  "toUnitId",
  "internalDueOn",
  "reason",
  "decision",
  "exemptions",
  "consequenceTest",
  "exemptionEndsOn",
  "feeRupiah",
  "publicSummary",
  "shared",
  "reasons",
  "statement",
  "outcome",
  "answer",
  "signedAs",
  "filedOn",
  "heldOn",
  "outcomeOn",
  "ppidLevel",
  "ppidSuperiorId",
  "policy",
  "obstacles",
  "recommendations",
  "content",
  "submit",
  "slug",
  "host",
  "reviewRequired",
  "enabled",
  "staleAfterDays",
  "class",
  "summary",
  "responsibleOfficial",
  "madeOn",
  "year",
  "period",
  "formats",
  "retention",
  "exemptionLetter",
  "sertaMerta",
  "about",
  "requestProcedure",
  "objectionProcedure",
  "serviceStandard",
  "serviceHours",
  "address",
  "phone",
  "date",
  "decree",
  "from",
  "notificationsOff",
  "emailsOff",
] as const;

/** Query keys the lists, dashboards, reports and public pages read. */
const QUERY_KEYS = [
  // Open311's list filters.
  "service_request_id",
  "service_code",
  "start_date",
  "end_date",
  "cursor",
  "unread",
  "limit",
  "from",
  "to",
  "q",
  "month",
  "bulan",
  "unitId",
  "placeUnitId",
  "underUnitId",
  "sort",
  "view",
  "status",
  "source",
  "kind",
  "category",
  "urgency",
  "channelId",
  "forItem",
  "format",
  "groupBy",
  "bucket",
  "halaman",
  "type",
  "active",
  "role",
  "actorId",
  "action",
  "targetType",
  "targetId",
  "k",
  "kode",
  "nomor",
  "decision",
  "year",
  "tahun",
  "ppid",
  "keputusan",
  "name",
  "redactedFromId",
  "redactionNote",
  "region",
  "parentId",
  "unit",
  "kelas",
  "lang",
  "class",
  "body",
  "purpose",
  "fileName",
] as const;

const NUL = "a\u0000b";
const LONE_HIGH = "x\ud83dy";
const LONE_LOW = "\udc00";

/** Strings that have broken servers: control characters, broken Unicode, huge, look-alikes of ids and dates. */
const badString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(NUL, LONE_HIGH, LONE_LOW), weight: 4 },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      NUL,
      LONE_HIGH,
      LONE_LOW,
      "\u0000",
      "",
      " ",
      "------------------------------------",
      "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
      "00000000-0000-0000-0000-000000000000",
      "0001-01-01",
      "9999-12-31",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "+275760-09-13T00:00:00.000Z",
      "0000-00",
      "9999-12",
      "3000000000",
      "-1",
      "1e400",
      "NaN",
      "<script>alert(1)</script>",
      '\'; DROP TABLE "User"; --',
      "../../etc/passwd",
      "a|b|c",
      "🚨🏠",
    ),
  },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.uuid(),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => "x".repeat(n)),
);

/** As badString, but short enough to travel in a URL without Node refusing the header (431). */
const badUrlString = badString.map((value) => value.slice(0, 3000));

const badNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(3_000_000_000, -3_000_000_000, Number.MAX_SAFE_INTEGER + 2, 1e308, -1, 0, 0.5, 2 ** 31, 2 ** 63),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const badValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    badString,
    badString,
    badNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...BODY_KEYS), tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** Cursors that decode but carry what no list expects. */
const badCursor: fc.Arbitrary<string> = fc.oneof(
  fc
    .constantFrom(
      "2026-01-01T00:00:00.000Z|------------------------------------",
      "infinity|------------------------------------",
      "2026-01-01T00:00:00.000Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
      "0001-01-01T00:00:00.000Z|00000000-0000-0000-0000-000000000000",
      "99999999999999999999999999",
      "-5",
      NUL,
      "a|b|c",
      "|",
      `name|${NUL}`,
    )
    .map(encodeCursor),
  badUrlString.filter((s) => s.isWellFormed()).map(encodeCursor),
  badUrlString,
);

/** A string as it travels in a URL: lone surrogates cannot be percent-encoded, so they go as broken UTF-8 bytes. */
function inUrl(value: string): string {
  return value.isWellFormed() ? encodeURIComponent(value) : `${encodeURIComponent(value.toWellFormed())}%ED%A0%BD`;
}

const rawUrlJunk = fc.constantFrom("%00", "a%00b", "%ED%A0%BD", "%E0%A4%A", "%", "%zz", "%C0%AF", "..%2F..%2F");

function pathValue(param: string, route: RouteInfo, ids: KnownIds): fc.Arbitrary<string> {
  const known = knownFor(param, route, ids);
  return fc.oneof(...(known.length ? [fc.constantFrom(...known)] : []), badUrlString.map(inUrl), rawUrlJunk);
}

function knownFor(param: string, route: RouteInfo, ids: KnownIds): string[] {
  if (param === "format") return ["json", "xml"];
  // Open311: a service code, or a request's public reference (its item id) or tracking number.
  if (route.path.startsWith("/open311/"))
    return param === "code" ? ["infrastruktur", "kesehatan"] : [...(ids.webReports ?? []), ...(ids.tracking ?? [])];
  if (param === "slug") return ids.slugs ?? [];
  if (param === "unitId") return ids.siteUnits ?? [];
  if (param === "nomor") return (route.path.startsWith("/ppid/") ? ids.ppidNumbers : ids.tracking) ?? [];
  if (param === "kode") return ids.ppidAccessCodes ?? [];
  if (param === "letter") return ["receipt", "notice", "extension", "answer"];
  if (param === "item") return ["x.post_read", "x.post_create_url", "whatsapp.utility"];
  // The DIP's documents (/api/dip-items, /ppid/dip) or a request's files (/api/ppid, /ppid/lacak).
  if (param === "fileId") return (route.path.includes("/dip") ? ids.dipFiles : ids.ppidFiles) ?? [];
  if (param === "index") return ["0", "1"];
  if (param === "version") return ["1"];
  if (param === "versionId") return ids.dipVersions ?? [];
  if (param === "code") return ids.ppidCodes ?? [];
  if (param === "year") return ["2026", "2025"];
  if (route.path.startsWith("/api/ppid/objections/")) return ids.ppidObjections ?? [];
  const kind = route.path.split("/")[2];
  const byResource: Record<string, string> = {
    units: "units",
    users: "users",
    inbox: "inbox",
    posts: "posts",
    channels: "channels",
    ppid: "ppidRequests",
    "site-entries": "siteEntries",
    "dip-items": "dipItems",
    notifications: "notifications",
    "ppid-profiles": "ppidUnits",
    // The public /ppid/dip/:id pages.
    dip: "dipItems",
  };
  return ids[byResource[kind ?? ""] ?? ""] ?? [];
}

const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...QUERY_KEYS),
      fc.oneof(
        badUrlString.map(inUrl),
        badCursor.map(inUrl),
        rawUrlJunk,
        fc.constantFrom("2026-11-01", "2026-11", "json", "csv", "1", "200"),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join("&")}` : ""));

/** A body that is almost right: a plausible example with one field made bad, or extra keys. */
function bodyFor(route: RouteInfo, ids: KnownIds): fc.Arbitrary<unknown> {
  const example = exampleBody(route, ids);
  const keys = Object.keys(example);
  return fc.oneof(
    ...(keys.length
      ? [
          {
            weight: 3,
            arbitrary: fc
              .tuple(fc.constantFrom(...keys), badValue)
              .map(([key, value]) => ({ ...example, [key]: value })),
          },
        ]
      : []),
    fc.tuple(fc.constantFrom(...BODY_KEYS), badValue).map(([key, value]) => ({ ...example, [key]: value })),
    fc.dictionary(fc.constantFrom(...BODY_KEYS), badValue, { maxKeys: 5 }),
    badValue,
  );
}

export function exampleBody(route: RouteInfo, ids: KnownIds): Record<string, unknown> {
  const unitId = ids.units?.[1] ?? null;
  const key = `${route.method} ${route.path}`;
  const examples: Record<string, Record<string, unknown>> = {
    "POST /api/auth/login": { email: "fuzz@sanggau.demo", password: "salah-sekali" },
    "POST /api/auth/password": { currentPassword: "salah-sekali", newPassword: "kata-sandi-baru-panjang" },
    "PATCH /api/auth/profile": { name: "Admin", locale: "id" },
    "POST /api/auth/tokens": { name: "token uji", expiresInDays: 30 },
    "POST /api/units": { name: "Desa Uji", type: "desa", parentId: unitId },
    "PATCH /api/units/:id": { name: "Unit Uji" },
    "POST /api/units/import": { region: "61.03", parentId: ids.units?.[0] ?? null },
    "POST /api/units/:id/merge": { intoUnitId: unitId },
    "POST /api/users": { email: "uji@sanggau.demo", name: "Pengguna Uji", role: "officer", unitIds: [unitId] },
    "PATCH /api/users/:id": { name: "Pengguna Uji" },
    "POST /api/channels": { unitId, kind: "x", credentials: { accessToken: "t" } },
    "PATCH /api/channels/:id": { monthlyRequestBudget: 1000, monthlySpendBudget: 25.5 },
    "PATCH /api/platform-prices/:item": { unitPrice: 0.005 },
    "POST /api/channels/:id/whatsapp-templates": {
      name: "laporan_ditindaklanjuti",
      language: "id",
      parameters: ["item_reference", "reply_text"],
    },
    "POST /api/posts": {
      unitId,
      title: "Pengumuman uji",
      body: "Isi pengumuman.",
      link: "https://sanggau.go.id/pengumuman",
      xLinkPlacement: "reply",
      channelIds: ids.channels?.slice(0, 1) ?? [],
    },
    "PATCH /api/posts/:id": { title: "Pengumuman uji" },
    "POST /api/posts/:id/return": { note: "Mohon diperbaiki." },
    "POST /api/posts/:id/reschedule": { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() },
    "POST /api/inbox/:id/reply": { text: "Terima kasih, laporan diteruskan." },
    "POST /api/inbox/:id/notes": { text: "Catatan internal." },
    "POST /api/inbox/:id/lapor": { direction: "forwarded", trackingNumber: "LPR20261206001", followUpClass: "dispute" },
    "PATCH /api/inbox/:id/lapor": { status: "diverifikasi" },
    "POST /api/inbox/:id/assign": { unitId },
    "POST /api/inbox/:id/status": { status: "in_progress" },
    "PATCH /api/inbox/:id/triage": { urgency: "tinggi" },
    "POST /api/inbox/:id/merge": { intoId: ids.inbox?.[0] },
    "POST /api/inbox/bulk": { ids: ids.inbox?.slice(0, 2) ?? [], action: { type: "status", status: "in_progress" } },
    "POST /api/routing-rules": { category: "kesehatan", placeUnitId: null, unitId, priority: 1 },
    // Port 9 (discard): nothing listens, so what the fuzz queues fails fast and harms nothing.
    "POST /api/webhook-endpoints": {
      url: "http://127.0.0.1:9/siar",
      events: ["inbox.item.created", "post.published"],
      description: "Dasbor BPBD",
    },
    "PATCH /api/webhook-endpoints/:id": { enabled: false, description: "Dasbor BPBD" },
    // Takes no body: removing the (here absent) demo data is the whole request.
    "DELETE /api/demo-data": {},
    "PATCH /api/organisation/letterhead": {
      address: "Jl. Jenderal Sudirman No. 1, Sanggau",
      contact: "Telp. (0564) 21001",
    },
    "DELETE /api/organisation/letterhead/logo": {},
    "POST /api/canned-responses": { title: "Templat", body: "Terima kasih, {nama}.", unitId: null, language: "id" },
    "PATCH /api/notifications/settings": { notificationsOff: ["post_review"], emailsOff: ["deadline_near"] },
    "POST /api/ppid/requests": PPID_STAFF_REQUEST,
    "PATCH /api/ppid/requests/:id": { publicSummary: "Data penerima bantuan" },
    "POST /api/ppid/requests/:id/forward": { toUnitId: unitId, internalDueOn: "2026-12-10", note: "Mohon dijawab" },
    "POST /api/ppid/requests/:id/extend": { reason: "Dokumen masih dikumpulkan." },
    "POST /api/ppid/requests/:id/decide": {
      decision: "refused",
      exemptions: ["a"],
      consequenceTest: "Membuka informasi ini dapat menghambat penyidikan yang sedang berjalan di kepolisian.",
      exemptionEndsOn: "2030-01-01",
    },
    "PATCH /api/ppid/requests/:id/files/:fileId": { shared: true },
    "POST /api/ppid/requests/:id/objections": { channel: "letter", reasons: ["a"], statement: "Saya keberatan." },
    "POST /api/ppid/objections/:id/answer": { outcome: "rejected", answer: "Keberatan ditolak.", signedAs: "Sekda" },
    "POST /api/ppid/objections/:id/dispute": { filedOn: "2026-12-01", caseNumber: "01/KI/2026" },
    "POST /api/ppid/objections/:id/dispute/hearings": { heldOn: "2026-12-02", kind: "Mediasi" },
    "POST /api/ppid/objections/:id/dispute/outcome": { outcome: "withdrawn", outcomeOn: "2026-12-03" },
    "PATCH /api/ppid/annual-reports/:year": {
      policy: "Layanan informasi setiap hari kerja.",
      obstacles: "Sarana terbatas.",
    },
    "PATCH /api/sites/settings": { staleAfterDays: 30 },
    "PATCH /api/settings/reporting": { timeZone: "Asia/Jakarta", onTimeToleranceMinutes: 5 },
    "POST /api/working-calendar/days": {
      date: "2027-03-01",
      kind: "libur_daerah",
      name: "Hari jadi Kabupaten",
      decree: "Perbup No. 1 Tahun 2027",
    },
    "POST /api/working-calendar/days/remove": { date: "2027-01-01", decree: "SKB No. 1 Tahun 2026" },
    "POST /api/working-calendar/days/move": { from: "2027-01-01", to: "2027-01-04", decree: "SKB No. 1 Tahun 2026" },
    "POST /api/working-calendar/:year/confirm": { decree: "SKB No. 1 Tahun 2026" },
    "PATCH /api/sites/:unitId": { slug: "desa-uji", host: "uji.sanggau.go.id", reviewRequired: false },
    "POST /api/site-entries/units/:unitId": {
      kind: "agenda",
      content: { title: "Musyawarah desa", date: "2026-12-10", time: "09.00", place: "Balai desa", description: "" },
      submit: false,
    },
    "PATCH /api/site-entries/:id": {
      content: { title: "Musyawarah desa", date: "2026-12-10", time: "09.00", place: "Balai desa", description: "" },
    },
    "POST /api/site-entries/:id/return": { note: "Mohon dilengkapi." },
    "POST /api/dip-items": {
      unitId,
      class: "dikecualikan",
      title: "Laporan Keuangan 2025",
      summary: "Neraca dan realisasi anggaran.",
      responsibleOfficial: "Kepala Sub Bagian Keuangan",
      madeOn: "2026-03-31",
      year: 2026,
      period: "Tahun 2025",
      formats: ["softcopy"],
      retention: "5 tahun",
      exemptionLetter: "h",
      consequenceTest: "Membuka data ini mengungkap rahasia pribadi.",
      exemptionEndsOn: "2030-01-01",
    },
    "PATCH /api/dip-items/:id": { title: "Laporan Keuangan 2025", year: 2026, exemptionEndsOn: "2030-01-01" },
    "POST /api/dip-items/:id/withdraw": { reason: "Diganti versi baru" },
    "PUT /api/ppid-profiles/:unitId": {
      about: "Tentang PPID",
      requestProcedure: "Isi formulir",
      objectionProcedure: "Ajukan keberatan",
      serviceStandard: "10 hari kerja",
      serviceHours: "Senin–Jumat",
      address: "Jalan Uji 1",
      phone: "(0564) 21001",
      email: "ppid@sanggau.demo",
    },
  };
  return examples[key] ?? {};
}

/** A request registered by staff, as the PPID API takes it (the fuzz suite also files one to reach the handlers). */
export const PPID_STAFF_REQUEST = {
  channel: "letter",
  applicant: {
    applicantType: "person",
    applicantName: "Pemohon Uji",
    identityType: "nik",
    identityNumber: "6103010101900001",
    address: "Jl. Uji No. 1, Sanggau",
    phone: "081234567890",
    information: "Daftar penerima bantuan sosial tahun ini.",
    purpose: "Penelitian.",
    accessMethod: "view",
    delivery: "pick_up",
  },
};

/** The public aspiration form's fields, urlencoded with bad values; FRESH_TOKEN is swapped for a valid form token when sent. */
export const FRESH_TOKEN = "FRESH_TOKEN";
const aspirationForm: fc.Arbitrary<string> = fc
  .record({
    nama: fc.oneof(badString, fc.constant("Warga")),
    telepon: fc.oneof(badString, fc.constant("081234567890")),
    email: badString,
    kontak: fc.constantFrom("telepon", "email", "tidak"),
    kecamatan: badString,
    desa: badString,
    lintang: fc.oneof(badString, badNumber.map(String)),
    bujur: fc.oneof(badString, badNumber.map(String)),
    kategori: fc.oneof(badString, fc.constant("infrastruktur")),
    isi: fc.oneof(badString, fc.constant("Jalan rusak di depan sekolah, mohon diperbaiki segera.")),
    setuju: fc.constantFrom("ya", "1", ""),
    token: fc.oneof(badString, fc.constant(FRESH_TOKEN), fc.constant(FRESH_TOKEN)),
  })
  .map((fields) =>
    Object.entries(fields)
      .map(([key, value]) => `${key}=${inUrl(value)}`)
      .join("&"),
  );

/** Swapped for a valid token of the information request form when sent. */
export const FRESH_PPID_TOKEN = "FRESH_PPID_TOKEN";
/** The public information request form's fields, urlencoded with bad values (FRESH_TOKEN as above). */
const ppidRequestForm: fc.Arbitrary<string> = fc
  .record({
    jenis_pemohon: fc.oneof(badString, fc.constant("person")),
    nama: fc.oneof(badString, fc.constant("Pemohon")),
    jenis_identitas: fc.oneof(badString, fc.constant("nik")),
    nomor_identitas: fc.oneof(badString, fc.constant("6103010101900001")),
    pekerjaan: badString,
    alamat: fc.oneof(badString, fc.constant("Jl. Uji No. 1")),
    telepon: fc.oneof(badString, fc.constant("081234567890")),
    email: badString,
    ditujukan: badString,
    informasi: fc.oneof(badString, fc.constant("Daftar penerima bantuan sosial tahun ini.")),
    tujuan: fc.oneof(badString, fc.constant("Penelitian")),
    cara: fc.constantFrom("view", "copy", "x"),
    salinan: fc.constantFrom("soft_copy", "hard_copy", ""),
    pengiriman: fc.constantFrom("pick_up", "email", "x"),
    setuju: fc.constantFrom("ya", ""),
    token: fc.oneof(badString, fc.constant(FRESH_PPID_TOKEN)),
  })
  .map((fields) =>
    Object.entries(fields)
      .map(([key, value]) => `${key}=${inUrl(value)}`)
      .join("&"),
  );
/** Swapped for a real API token with the inbox scope when sent (Open311's api_key). */
export const OPEN311_KEY = "OPEN311_KEY";
/** An Open311 POST (form-encoded, as the spec sends it) with bad values. */
const open311Form: fc.Arbitrary<string> = fc
  .record({
    api_key: fc.oneof(badString, fc.constant(OPEN311_KEY), fc.constant(OPEN311_KEY)),
    service_code: fc.oneof(badString, fc.constant("infrastruktur")),
    lat: fc.oneof(badString, badNumber.map(String), fc.constant("0.12")),
    long: fc.oneof(badString, badNumber.map(String), fc.constant("110.6")),
    address_string: fc.oneof(badString, fc.constant("Desa Sungai Mawang")),
    description: fc.oneof(badString, fc.constant("Jalan rusak di depan sekolah, mohon diperbaiki.")),
    media_url: badString,
    email: fc.oneof(badString, fc.constant("warga@contoh.id")),
    phone: badString,
    first_name: badString,
    locale: fc.oneof(badString, fc.constantFrom("en", "id_ID", "en-GB")),
  })
  .map((fields) =>
    Object.entries(fields)
      .map(([key, value]) => `${key}=${inUrl(value)}`)
      .join("&"),
  );
const PUBLIC_FORMS: Record<string, fc.Arbitrary<string>> = {
  "/open311/v2/requests.:format": open311Form,
  "/aspirasi": aspirationForm,
  "/ppid/permohonan": ppidRequestForm,
};

/** Requests for one route: bad path parameters, bad query strings, bad bodies. */
export function requestsFor(route: RouteInfo, ids: KnownIds): fc.Arbitrary<FuzzRequest> {
  const params = route.path.match(/:(\w+)/g)?.map((param) => param.slice(1)) ?? [];
  const path = fc
    .tuple(...params.map((param) => pathValue(param, route, ids)))
    .map((values) => params.reduce((result, param, index) => result.replace(`:${param}`, values[index]!), route.path));
  const writes = route.method !== "GET";
  const body = writes
    ? PUBLIC_FORMS[route.path]
      ? PUBLIC_FORMS[route.path]!.map((text) => ({ text, type: "application/x-www-form-urlencoded" }))
      : bodyFor(route, ids).map((value) => ({ text: JSON.stringify(value) ?? "null", type: "application/json" }))
    : fc.constant(undefined);
  return fc
    .record({
      path,
      query: queryString,
      body,
      as: route.path.startsWith("/api/")
        ? fc.constantFrom("admin" as const, "admin" as const, "anonymous" as const)
        : fc.constant("anonymous" as const),
      csrf: fc.integer({ min: 0, max: 5 }).map((draw) => draw > 0),
      language: fc.constantFrom("id" as const, "en" as const),
    })
    .map(({ path, query, body, as, csrf, language }) => ({
      as,
      method: route.method,
      path: path + query,
      headers: body ? { "content-type": body.type } : ({} as Record<string, string>),
      body: body?.text,
      csrf,
      language,
    }));
}

/** Bodies that are not what any route reads: broken JSON, wrong content types, deep nesting. */
export function badBody(routes: RouteInfo[]): fc.Arbitrary<FuzzRequest> {
  const writes = routes.filter((route) => route.method !== "GET" && route.path.startsWith("/api/"));
  const broken = fc.oneof(
    fc.constantFrom(
      '{"email":',
      "{",
      "[",
      '{"a":1}}',
      "\u0000",
      '{"text":"\\ud83d"}',
      '{"text":"a\\u0000b"}',
      "null",
      "true",
      "1e999",
      "[[[[[[[[[[]]]]]]]]]]",
    ),
    fc.integer({ min: 1, max: 3000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
    fc.string({ maxLength: 100 }),
  );
  return fc
    .record({
      route: fc.constantFrom(...writes),
      body: broken,
      type: fc.constantFrom(
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "application/json; charset=latin1",
      ),
    })
    .map(({ route, body, type }) => ({
      as: "admin" as const,
      method: route.method,
      path: route.path.replace(/:(\w+)/g, "00000000-0000-4000-8000-000000000000"),
      headers: { "content-type": type },
      body,
      csrf: true,
      language: "id" as const,
    }));
}

/** The values that have broken servers before, for the deterministic sweep: each one in each field. */
const SWEEP_TEXT = [NUL, LONE_HIGH, "x".repeat(70_000)];
const SWEEP_QUERY: Record<string, string[]> = {
  cursor: [
    "2026-01-01T00:00:00.000Z|------------------------------------",
    "99999999999999999999999999",
    `a|${NUL}`,
  ].map((key) => encodeURIComponent(encodeCursor(key))),
  from: ["0001-01-01", "9999-12-31T00:00:00Z"],
  to: ["0001-12-31", "9999-12-31"],
  month: ["9999-12", "0001-01"],
  bulan: ["9999-12", "0001-01"],
  limit: ["3000000000", "-1"],
  halaman: ["3000000000"],
  start_date: ["0001-01-01", "9999-12-31T00:00:00Z", "+275760-09-13T00:00:00Z"],
  end_date: ["0001-01-01", "-000001-01-01T00:00:00Z"],
};

/**
 * Every field of every example body with each dangerous value, and every query key of every GET
 * route with a NUL, a broken surrogate and the values dates, cursors and counts break on.
 */
export function sweepRequests(routes: RouteInfo[], ids: KnownIds): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  const base = { as: "admin" as const, csrf: true, language: "id" as const };
  const concrete = (route: RouteInfo) =>
    route.path.replace(
      /:(\w+)/g,
      (_match, param: string) => knownFor(param, route, ids)[0] ?? "00000000-0000-4000-8000-000000000000",
    );
  for (const route of routes) {
    if (route.method === "GET") {
      for (const key of QUERY_KEYS) {
        // (Broken UTF-8 in a query string is read as U+FFFD by the parser, so NUL is the one to send.)
        for (const value of ["a%00b", ...(SWEEP_QUERY[key] ?? [])]) {
          requests.push({
            ...base,
            as: route.path.startsWith("/api/") ? "admin" : "anonymous",
            method: "GET",
            path: `${concrete(route)}?${key}=${value}`,
            headers: {},
          });
        }
      }
      continue;
    }
    const example = exampleBody(route, ids);
    for (const key of Object.keys(example)) {
      for (const value of [...SWEEP_TEXT, 3_000_000_000, -1]) {
        requests.push({
          ...base,
          method: route.method,
          path: concrete(route),
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ...example, [key]: value }),
        });
      }
    }
  }
  return requests;
}
