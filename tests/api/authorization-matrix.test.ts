import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Who may do what to which unit's data, proven endpoint by endpoint for every demo role.
// "allow" means a 2xx answer, "deny" a 403 (or 404 for what the caller may not know exists).

const PEOPLE = {
  admin: "admin@sanggau.demo",
  humas: "humas@sanggau.demo",
  leaderKabupaten: "pimpinan@sanggau.demo",
  leaderKapuas: "camat.kapuas@sanggau.demo",
  officerKapuas: "petugas.kapuas@sanggau.demo",
  officerTayanHulu: "petugas.tayanhulu@sanggau.demo",
} as const;
type Person = keyof typeof PEOPLE;

let siar: TestSiar;
const clients = {} as Record<Person, ApiClient>;
const units: Record<string, string> = {};
const users: Record<string, string> = {};

beforeAll(async () => {
  siar = await startTestSiar();
  for (const [person, email] of Object.entries(PEOPLE)) clients[person as Person] = await signedIn(siar.url, email);
  const allUnits = (await clients.admin.get("/api/units?limit=1000")).body.data as { id: string; code: string }[];
  for (const unit of allUnits) units[unit.code] = unit.id;
  const allUsers = (await clients.admin.get("/api/users?limit=200")).body.data as { id: string; email: string }[];
  for (const user of allUsers) users[user.email] = user.id;
});
afterAll(async () => siar?.close());

type Expectation = "allow" | "deny";
type Row = {
  what: string;
  call: (client: ApiClient) => Promise<{ status: number }>;
  expected: Record<Person, Expectation>;
};

const ALL: Record<Person, Expectation> = {
  admin: "allow",
  humas: "allow",
  leaderKabupaten: "allow",
  leaderKapuas: "allow",
  officerKapuas: "allow",
  officerTayanHulu: "allow",
};
const only = (...people: Person[]): Record<Person, Expectation> =>
  Object.fromEntries(Object.keys(PEOPLE).map((p) => [p, people.includes(p as Person) ? "allow" : "deny"])) as Record<Person, Expectation>;

let counter = 0;
const rows: Row[] = [
  { what: "read Kecamatan Kapuas", call: (c) => c.get(`/api/units/${units["kec-kapuas"]}`), expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas", "officerKapuas") },
  { what: "read a desa below Kapuas", call: (c) => c.get(`/api/units/${units["desa-sungai-mawang"]}`), expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas", "officerKapuas") },
  { what: "read Kecamatan Tayan Hulu", call: (c) => c.get(`/api/units/${units["kec-tayan-hulu"]}`), expected: only("admin", "humas", "leaderKabupaten", "officerTayanHulu") },
  { what: "rename Kecamatan Kapuas", call: (c) => c.patch(`/api/units/${units["kec-kapuas"]}`, { name: `Kecamatan Kapuas ${++counter}` }), expected: only("admin") },
  { what: "deactivate a desa of Tayan Hulu", call: (c) => c.patch(`/api/units/${units["desa-engkasan"]}`, { active: false }), expected: only("admin") },
  {
    what: "create a desa below Kapuas",
    call: (c) => c.post("/api/units", { name: `Desa Uji ${++counter}`, type: "desa", parentId: units["kec-kapuas"] }),
    expected: only("admin"),
  },
  { what: "read the Kapuas officer", call: (c) => c.get(`/api/users/${users[PEOPLE.officerKapuas]}`), expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas", "officerKapuas") },
  { what: "read the Tayan Hulu officer", call: (c) => c.get(`/api/users/${users[PEOPLE.officerTayanHulu]}`), expected: only("admin", "humas", "leaderKabupaten", "officerTayanHulu") },
  { what: "edit the Tayan Hulu officer", call: (c) => c.patch(`/api/users/${users[PEOPLE.officerTayanHulu]}`, { name: `Siti ${++counter}` }), expected: only("admin") },
  { what: "reset the PUPR officer's password", call: (c) => c.post(`/api/users/${users["petugas.pupr@sanggau.demo"]}/reset-password`), expected: only("admin") },
  {
    what: "create a user in Tayan Hulu",
    call: (c) => c.post("/api/users", { email: `baru${++counter}@sanggau.demo`, name: "Pengguna Baru", role: "officer", unitIds: [units["kec-tayan-hulu"]] }),
    expected: only("admin"),
  },
  { what: "browse the audit log", call: (c) => c.get("/api/audit-events"), expected: only("admin", "leaderKabupaten", "leaderKapuas") },
  { what: "list the inbox's dead letters", call: (c) => c.get("/api/inbox-dead-letters"), expected: only("admin") },
  {
    what: "dismiss an inbox dead letter",
    call: async (c) => {
      const letter = await siar.services.prisma.inboxDeadLetter.create({ data: { origin: "poll", payloadKind: "receipt", payload: "{}", key: `matrix:${++counter}`, reason: "test" } });
      return c.post(`/api/inbox-dead-letters/${letter.id}/dismiss`);
    },
    expected: only("admin"),
  },
  { what: "list units", call: (c) => c.get("/api/units"), expected: ALL },
  { what: "list users", call: (c) => c.get("/api/users"), expected: ALL },
  { what: "list canned responses", call: (c) => c.get("/api/canned-responses"), expected: only("admin", "humas", "officerKapuas", "officerTayanHulu") },
  {
    what: "write a canned response",
    call: (c) => c.post("/api/canned-responses", { title: `Templat ${++counter}`, body: "Terima kasih, {nama}.", unitId: null, language: "id" }),
    expected: only("admin"),
  },
];

describe("authorization matrix: role × endpoint × unit", () => {
  for (const row of rows) {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const expected = row.expected[person];
      it(`${person} ${expected === "allow" ? "may" : "may not"} ${row.what}`, async () => {
        const { status } = await row.call(clients[person]);
        if (expected === "allow") expect(status, `${person}: ${row.what}`).toBeLessThan(300);
        else expect([403, 404], `${person}: ${row.what} gave ${status}`).toContain(status);
      });
    }
  }
});

describe("lists are limited to the caller's units", () => {
  const codesSeenBy = async (person: Person) =>
    ((await clients[person].get("/api/units?limit=1000")).body.data as { id: string }[]).map(
      (unit) => Object.entries(units).find(([, id]) => id === unit.id)?.[0],
    );

  it("an officer of Kapuas sees Kapuas and its desa, and nothing of Tayan Hulu", async () => {
    const codes = await codesSeenBy("officerKapuas");
    expect(codes).toContain("kec-kapuas");
    expect(codes).toContain("desa-sungai-mawang");
    expect(codes).not.toContain("kec-tayan-hulu");
    expect(codes).not.toContain("desa-sosok");
    expect(codes).not.toContain("kab-sanggau");
  });

  it("an officer of Kapuas does not see the Tayan Hulu officer in the user list", async () => {
    const emails = ((await clients.officerKapuas.get("/api/users?limit=200")).body.data as { email: string }[]).map((u) => u.email);
    expect(emails).toContain(PEOPLE.officerKapuas);
    expect(emails).toContain(PEOPLE.leaderKapuas);
    expect(emails).not.toContain(PEOPLE.officerTayanHulu);
  });

  it("the camat of Kapuas sees no audit events of Tayan Hulu", async () => {
    const response = await clients.leaderKapuas.get(`/api/audit-events?unitId=${units["kec-tayan-hulu"]}&limit=200`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    const adminView = await clients.admin.get(`/api/audit-events?unitId=${units["kec-tayan-hulu"]}&limit=200`);
    expect(adminView.body.data.length).toBeGreaterThan(0);
  });
});
