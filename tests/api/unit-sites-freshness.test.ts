import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpOf } from "@server/mail/smtp.js";
import { reminderWeek, sendFreshnessReminders } from "@server/sites/reminders.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { startMailbox } from "../helpers/mailbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { unitIdOf } from "../helpers/sites.js";
import { ReportingCalendar } from "@server/reports/period.js";

// Which sites have gone quiet: the list and league kecamatan and Kominfo see, the admins' setting,
// and the weekly reminder to the operators of stale desa.

let siar: TestSiar;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let admin: ApiClient;
let camat: ApiClient;
let operator: ApiClient;
const DAY = 86_400_000;

beforeAll(async () => {
  mailbox = await startMailbox();
  siar = await startTestSiar({ SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, SMTP_FROM: "Siar <siar@sanggau.demo>" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  operator = await signedIn(siar.url, "operator.sungaimawang@sanggau.demo");
  const desa = await unitIdOf(siar, "desa-sungai-mawang");
  const created = await operator.post(`/api/site-entries/units/${desa}`, {
    kind: "agenda",
    content: { title: "Gotong royong", date: "2026-12-13", time: "07.00", place: "Dusun Hilir", description: "" },
    submit: true,
  });
  await camat.post(`/api/site-entries/${created.body.id}/approve`);
});
afterAll(async () => {
  await siar?.close();
  await mailbox?.close();
});

type Site = { unit: { name: string }; daysSince: number | null; stale: boolean };
const site = (sites: Site[], name: string) => sites.find((s) => s.unit.name === name)!;

describe("freshness", () => {
  it("shows the kecamatan its desa, stalest first, and a league of kecamatan", async () => {
    const { body } = await camat.get("/api/sites/freshness");
    expect(site(body.sites, "Desa Sungai Mawang")).toMatchObject({ daysSince: 0, stale: false });
    expect(site(body.sites, "Desa Penyeladi")).toMatchObject({ daysSince: 9, stale: false });
    expect(site(body.sites, "Kelurahan Beringin")).toMatchObject({ daysSince: null, stale: true });
    expect(body.sites.map((s: Site) => s.unit.name)).not.toContain("Desa Sosok");
    const kapuas = body.league.find(
      (row: { kecamatan: { name: string } }) => row.kecamatan.name === "Kecamatan Kapuas",
    );
    const kapuasUnit = await unitIdOf(siar, "kec-kapuas");
    const villages = await siar.services.prisma.unit.count({
      where: { parentId: kapuasUnit, type: { in: ["desa", "kelurahan"] } },
    });
    expect(villages).toBeGreaterThan(4); // every official desa and kelurahan of Kapuas, not the old five
    expect(kapuas.desaCount).toBe(villages);
    expect(kapuas.freshCount).toBeGreaterThanOrEqual(1);
    expect((await operator.get("/api/sites/freshness")).status).toBe(403);
  });

  it("narrows to one unit's sites and downloads as CSV", async () => {
    const kapuas = await unitIdOf(siar, "kec-kapuas");
    const { body } = await admin.get(`/api/sites/freshness?unitId=${kapuas}`);
    expect(body.league.map((row: { kecamatan: { name: string } }) => row.kecamatan.name)).toEqual(["Kecamatan Kapuas"]);
    expect(body.sites.length).toBeGreaterThan(4);
    const tayan = await siar.services.prisma.unit.findFirstOrThrow({ where: { name: "Kecamatan Tayan Hulu" } });
    // A unit outside the camat's kecamatan narrows his view to nothing, not to another's sites.
    expect((await camat.get(`/api/sites/freshness?unitId=${tayan.id}`)).body.sites).toEqual([]);
    expect((await camat.get("/api/sites/freshness?unitId=00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await camat.get("/api/sites/freshness?unitId=kapuas")).status).toBe(400);

    const csv = await fetch(`${siar.url}/api/sites/freshness?format=csv&machine=1&unitId=${kapuas}`, {
      headers: { cookie: camat.cookie! },
    });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...rows] = (await csv.text()).trim().split("\r\n");
    expect(header).toBe("unit,type,kecamatan,site,lastUpdatedAt,daysSince,stale");
    expect(rows).toHaveLength(body.sites.length);
    expect(rows).toContainEqual(
      expect.stringMatching(/^Desa Sungai Mawang,desa,Kecamatan Kapuas,\/kecamatan\/kapuas\/sungai-mawang,/),
    );
  });

  it("counts a site stale after the days admins set", async () => {
    expect((await camat.patch("/api/sites/settings", { staleAfterDays: 7 })).status).toBe(403);
    expect((await admin.patch("/api/sites/settings", { staleAfterDays: 0 })).status).toBe(400);
    expect((await admin.patch("/api/sites/settings", { staleAfterDays: 7 })).body.staleAfterDays).toBe(7);
    const desa = await unitIdOf(siar, "desa-sungai-mawang");
    await siar.services.prisma.siteEntry.updateMany({
      where: { unitId: desa },
      data: { publishedAt: new Date(Date.now() - 10 * DAY) },
    });
    const { body } = await camat.get("/api/sites/freshness");
    expect(site(body.sites, "Desa Sungai Mawang")).toMatchObject({ daysSince: 10, stale: true });
  });

  it("e-mails the operators of stale desa once a week", async () => {
    const wib = new ReportingCalendar("Asia/Jakarta", 5);
    const wit = new ReportingCalendar("Asia/Jayapura", 5);
    expect(reminderWeek(new Date("2026-12-07T00:30:00Z"), wib)).toBeNull(); // Monday 07:30 WIB
    expect(reminderWeek(new Date("2026-12-07T01:30:00Z"), wib)).toBe("2026-12-07");
    expect(reminderWeek(new Date("2026-12-10T12:00:00Z"), wib)).toBe("2026-12-07");
    expect(reminderWeek(new Date("2026-12-06T23:30:00Z"), wit)).toBe("2026-12-07"); // Monday 08:30 WIT
    expect(reminderWeek(new Date("2026-12-06T22:30:00Z"), wit)).toBeNull(); // Monday 07:30 WIT
    expect(reminderWeek(new Date("2026-12-06T16:30:00Z"), wib)).toBe("2026-11-30"); // Sunday 23:30 WIB
    const monday = new Date(Date.now() + ((8 - new Date().getUTCDay()) % 7 || 7) * DAY);
    monday.setUTCHours(3, 0, 0, 0);
    const smtp = smtpOf(siar.services)!;
    expect(await sendFreshnessReminders(siar.services, smtp, monday)).toBe(1);
    expect(await sendFreshnessReminders(siar.services, smtp, monday)).toBeNull();
    const mail = mailbox.messages.find((m) => m.to.includes("operator.sungaimawang@sanggau.demo"));
    expect(mail?.raw).toContain("Desa Sungai Mawang");
  });
});
