import type { ApiClient } from "./client.js";
import type { Person } from "./accessMatrix.js";
import { NOTICES, objectionAt, registeredAt, STAFF_REQUEST } from "./ppid.js";

// The PPID endpoints' rows of the authorization matrix (tests/api/authorization-matrix.test.ts):
// who may do what to a request of the Kapuas PPID (a Pelaksana, whose atasan is the camat) and of
// the PPID Utama at Kominfo (whose atasan is the Sekretaris Daerah).

type Expectation = "allow" | "deny" | "any";
export type MatrixRow = {
  route: string;
  what: string;
  call: (client: ApiClient) => Promise<{ status: number }>;
  expected: Record<Person, Expectation>;
};
export type MatrixContext = { clients: Record<Person, ApiClient>; units: Record<string, string> };

const PEOPLE: Person[] = [
  "admin",
  "humas",
  "leaderKabupaten",
  "leaderKapuas",
  "officerKapuas",
  "officerTayanHulu",
  "ppidUtama",
  "ppidKapuas",
  "operatorSungaiMawang",
];
const only = (...people: Person[]): Record<Person, Expectation> =>
  Object.fromEntries(PEOPLE.map((p) => [p, people.includes(p) ? "allow" : "deny"])) as Record<Person, Expectation>;

/** Who reads a Kapuas case: admins, the PPID Utama, the Kapuas PPID and its atasan (the camat). */
const READS_KAPUAS = only("admin", "ppidUtama", "ppidKapuas", "leaderKapuas");

/** Who reads the Kapuas PPID's figures: its leaders and PPID, the PPID Utama, humas and admins. */
const FIGURES_OF_KAPUAS = only("admin", "humas", "leaderKabupaten", "leaderKapuas", "ppidUtama", "ppidKapuas");

export function ppidMatrixRows(context: MatrixContext): MatrixRow[] {
  const { clients } = context;
  const kapuas = () => context.units["kec-kapuas"]!;
  const kominfo = () => context.units["dinas-kominfo"]!;
  // One case per unit for the rows that only read or may repeat; a fresh one where a step happens once.
  const cases = new Map<string, Promise<string>>();
  const shared = (key: string, make: () => Promise<string>) => {
    if (!cases.has(key)) cases.set(key, make());
    return cases.get(key)!;
  };
  const kapuasCase = () => shared("kapuas", () => registeredAt(clients.admin, kapuas()));
  const kominfoCase = () => shared("kominfo", () => registeredAt(clients.admin, kominfo()));
  const freshKapuasCase = () => registeredAt(clients.admin, kapuas());
  const kapuasObjection = () =>
    shared("objection", async () => (await objectionAt(clients.admin, clients.ppidKapuas, kapuas())).objectionId);
  const freshObjection = async () => (await objectionAt(clients.admin, clients.ppidKapuas, kapuas())).objectionId;
  const disputedObjection = () =>
    shared("dispute", async () => {
      const id = await freshObjection();
      await clients.ppidKapuas.post(`/api/ppid/objections/${id}/dispute`, { filedOn: "2026-12-01" });
      return id;
    });
  const kapuasFile = () =>
    shared("file", async () => {
      const id = await kapuasCase();
      const response = await fetch(`${clients.ppidKapuas.baseUrl}/api/ppid/requests/${id}/files?name=data.csv`, {
        method: "POST",
        headers: {
          cookie: clients.ppidKapuas.cookie!,
          "x-csrf-token": clients.ppidKapuas.csrfToken!,
          "content-type": "text/csv",
        },
        body: "desa,penerima\nSungai Mawang,12\n",
      });
      return ((await response.json()) as { files: { id: string }[] }).files[0]!.id;
    });
  const upload = (client: ApiClient, id: string) =>
    fetch(`${client.baseUrl}/api/ppid/requests/${id}/files?name=lampiran.csv`, {
      method: "POST",
      headers: {
        ...(client.cookie && { cookie: client.cookie }),
        ...(client.csrfToken && { "x-csrf-token": client.csrfToken }),
        "content-type": "text/csv",
      },
      body: "a,b\n1,2\n",
    });

  return [
    {
      route: "GET /api/ppid/requests",
      what: "list information requests",
      call: (c) => c.get("/api/ppid/requests"),
      expected: only("admin", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "POST /api/ppid/requests",
      what: "register a request for the Kapuas PPID",
      call: (c) => c.post("/api/ppid/requests", { ...STAFF_REQUEST, unitId: kapuas() }),
      expected: only("admin", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "POST /api/ppid/requests",
      what: "register a request for the PPID Utama (the default)",
      call: (c) => c.post("/api/ppid/requests", STAFF_REQUEST),
      expected: only("admin", "ppidUtama"),
    },
    {
      route: "GET /api/ppid/requests/:id",
      what: "read a Kapuas information request",
      call: async (c) => c.get(`/api/ppid/requests/${await kapuasCase()}`),
      expected: READS_KAPUAS,
    },
    {
      route: "GET /api/ppid/requests/:id",
      what: "read a request held by the PPID Utama",
      call: async (c) => c.get(`/api/ppid/requests/${await kominfoCase()}`),
      expected: only("admin", "ppidUtama", "leaderKabupaten"),
    },
    {
      route: "GET /api/ppid/requests/:id/identity",
      what: "open a Kapuas applicant's identity number",
      call: async (c) => c.get(`/api/ppid/requests/${await kapuasCase()}/identity`),
      expected: only("ppidKapuas"),
    },
    {
      route: "GET /api/ppid/requests/:id/identity",
      what: "open the identity number of a request the PPID Utama holds",
      call: async (c) => c.get(`/api/ppid/requests/${await kominfoCase()}/identity`),
      expected: only("ppidUtama"),
    },
    {
      route: "PATCH /api/ppid/requests/:id",
      what: "write a Kapuas request's line in the public register",
      call: async (c) =>
        c.patch(`/api/ppid/requests/${await kapuasCase()}`, { publicSummary: "Data penerima bantuan" }),
      expected: only("ppidKapuas"),
    },
    {
      route: "POST /api/ppid/requests/:id/forward",
      what: "forward a Kapuas request to the PPID Utama",
      call: async (c) => {
        const id = await freshKapuasCase();
        const due = (await clients.admin.get(`/api/ppid/requests/${id}`)).body.deadline.noticeDueOn;
        return c.post(`/api/ppid/requests/${id}/forward`, { toUnitId: kominfo(), internalDueOn: due });
      },
      expected: only("admin", "ppidUtama"),
    },
    {
      route: "POST /api/ppid/requests/:id/extend",
      what: "extend a Kapuas request's deadline",
      call: async (c) =>
        c.post(`/api/ppid/requests/${await freshKapuasCase()}/extend`, { reason: "Arsip masih dicari di gudang." }),
      expected: only("ppidKapuas"),
    },
    {
      route: "POST /api/ppid/requests/:id/decide",
      what: "decide a Kapuas request",
      call: async (c) => c.post(`/api/ppid/requests/${await freshKapuasCase()}/decide`, NOTICES.granted),
      expected: only("ppidKapuas"),
    },
    {
      route: "POST /api/ppid/requests/:id/access-code",
      what: "renew a Kapuas applicant's access code",
      call: async (c) => c.post(`/api/ppid/requests/${await kapuasCase()}/access-code`),
      expected: only("ppidKapuas"),
    },
    {
      route: "GET /api/ppid/requests/:id/letters/:letter",
      what: "download a Kapuas request's receipt",
      call: async (c) => c.get(`/api/ppid/requests/${await kapuasCase()}/letters/receipt`),
      expected: READS_KAPUAS,
    },
    {
      route: "POST /api/ppid/requests/:id/files",
      what: "attach a file to a Kapuas request",
      call: async (c) => upload(c, await kapuasCase()),
      expected: only("ppidKapuas"),
    },
    {
      route: "PATCH /api/ppid/requests/:id/files/:fileId",
      what: "share a Kapuas request's file with the applicant",
      call: async (c) =>
        c.patch(`/api/ppid/requests/${await kapuasCase()}/files/${await kapuasFile()}`, { shared: true }),
      expected: only("ppidKapuas"),
    },
    {
      route: "GET /api/ppid/requests/:id/files/:fileId",
      what: "download a Kapuas request's file",
      call: async (c) => c.get(`/api/ppid/requests/${await kapuasCase()}/files/${await kapuasFile()}`),
      expected: READS_KAPUAS,
    },
    {
      route: "POST /api/ppid/requests/:id/objections",
      what: "register a paper objection to a Kapuas refusal",
      call: async (c) => {
        const requestId = await shared("refused", async () => {
          const id = await registeredAt(clients.admin, kapuas());
          await clients.ppidKapuas.post(`/api/ppid/requests/${id}/decide`, NOTICES.refused);
          return id;
        });
        return c.post(`/api/ppid/requests/${requestId}/objections`, {
          channel: "letter",
          reasons: ["a"],
          statement: "Saya keberatan atas penolakan ini.",
        });
      },
      expected: only("ppidUtama", "ppidKapuas"),
    },
    {
      route: "GET /api/ppid/objections",
      what: "list objections",
      call: (c) => c.get("/api/ppid/objections"),
      expected: only("admin", "leaderKabupaten", "leaderKapuas", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "GET /api/ppid/objections/:id",
      what: "read an objection to a Kapuas decision",
      call: async (c) => c.get(`/api/ppid/objections/${await kapuasObjection()}`),
      expected: READS_KAPUAS,
    },
    {
      route: "GET /api/ppid/objections/:id/letters/:letter",
      what: "download an objection's form",
      call: async (c) => c.get(`/api/ppid/objections/${await kapuasObjection()}/letters/receipt`),
      expected: READS_KAPUAS,
    },
    {
      route: "POST /api/ppid/objections/:id/answer",
      what: "answer an objection to a Kapuas decision as atasan PPID",
      call: async (c) =>
        c.post(`/api/ppid/objections/${await freshObjection()}/answer`, {
          outcome: "rejected",
          answer: "Keberatan ditolak, pengecualian tetap.",
          signedAs: "Camat Kapuas",
        }),
      expected: only("leaderKapuas"),
    },
    {
      route: "POST /api/ppid/objections/:id/dispute",
      what: "record a dispute about a Kapuas objection",
      call: async (c) => c.post(`/api/ppid/objections/${await freshObjection()}/dispute`, { filedOn: "2026-12-01" }),
      expected: only("ppidUtama", "ppidKapuas"),
    },
    {
      route: "POST /api/ppid/objections/:id/dispute/hearings",
      what: "add a hearing to a Kapuas dispute",
      call: async (c) =>
        c.post(`/api/ppid/objections/${await disputedObjection()}/dispute/hearings`, {
          heldOn: "2026-12-02",
          kind: "Mediasi",
        }),
      expected: only("ppidUtama", "ppidKapuas"),
    },
    {
      route: "POST /api/ppid/objections/:id/dispute/outcome",
      what: "record how a Kapuas dispute ended",
      call: async (c) =>
        c.post(`/api/ppid/objections/${await disputedObjection()}/dispute/outcome`, {
          outcome: "withdrawn",
          outcomeOn: "2026-12-03",
        }),
      expected: only("ppidUtama", "ppidKapuas"),
    },
    {
      route: "GET /api/ppid/units",
      what: "list the PPID units",
      call: (c) => c.get("/api/ppid/units"),
      expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "GET /api/ppid/deadlines",
      what: "read the Kapuas PPID's deadlines",
      call: (c) => c.get(`/api/ppid/deadlines?unitId=${kapuas()}`),
      expected: FIGURES_OF_KAPUAS,
    },
    {
      route: "GET /api/ppid/figures",
      what: "read the whole body's PPID figures",
      call: (c) => c.get(`/api/ppid/figures?unitId=${context.units["kab-sanggau"]}`),
      expected: only("admin", "humas", "leaderKabupaten", "ppidUtama"),
    },
    {
      route: "GET /api/ppid/figures",
      what: "read the Kapuas PPID's figures",
      call: (c) => c.get(`/api/ppid/figures?unitId=${kapuas()}`),
      expected: FIGURES_OF_KAPUAS,
    },
    {
      route: "GET /api/ppid/self-assessment",
      what: "read the PPID self-assessment",
      call: (c) => c.get("/api/ppid/self-assessment"),
      expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas", "ppidUtama", "ppidKapuas"),
    },
    ...(["requests", "objections"] as const).flatMap((register) =>
      (["csv", "pdf"] as const).map((format) => ({
        route: `GET /api/ppid/registers/${register}.${format}`,
        what: `export the Kapuas register of ${register} as ${format}`,
        call: (c: ApiClient) => c.get(`/api/ppid/registers/${register}.${format}?unitId=${kapuas()}`),
        expected: only("admin", "ppidUtama", "ppidKapuas"),
      })),
    ),
    {
      route: "GET /api/ppid/annual-reports/:year",
      what: "read the Kapuas PPID's annual report",
      call: (c) => c.get(`/api/ppid/annual-reports/2026?unitId=${kapuas()}`),
      expected: FIGURES_OF_KAPUAS,
    },
    {
      route: "PATCH /api/ppid/annual-reports/:year",
      what: "write the Kapuas PPID's annual report",
      call: (c) =>
        c.patch(`/api/ppid/annual-reports/2026?unitId=${kapuas()}`, { policy: "Layanan informasi setiap hari kerja." }),
      expected: only("admin", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "GET /api/ppid/annual-reports/:year/report.pdf",
      what: "download the Kapuas PPID's annual report (PDF)",
      call: (c) => c.get(`/api/ppid/annual-reports/2026/report.pdf?unitId=${kapuas()}`),
      expected: FIGURES_OF_KAPUAS,
    },
    {
      route: "GET /api/ppid/annual-reports/:year/report.csv",
      what: "download the Kapuas PPID's annual report (CSV)",
      call: (c) => c.get(`/api/ppid/annual-reports/2026/report.csv?unitId=${kapuas()}`),
      expected: FIGURES_OF_KAPUAS,
    },
  ];
}
