import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PPID_PERIODS, ppidCalendarFor } from "@server/ppid/calendar.js";

// Every expected date was counted by hand on the 2026 calendar with the SKB's national holidays
// and cuti bersama (server/deadlines/holidays-id-overrides.ts); the count starts on the first
// working day after the local day of the event.
const wib = ppidCalendarFor("Asia/Jakarta");
const wita = ppidCalendarFor("Asia/Makassar");
const at = (iso: string) => new Date(iso);

describe("statutory periods", () => {
  it("are those of UU 14/2008: 10 (+7 once), 30 to object, 30 to answer, 14 to go to the Komisi Informasi", () => {
    expect(PPID_PERIODS).toEqual({
      notice: 10,
      extension: 7,
      objectionFiling: 30,
      objectionAnswer: 30,
      disputeFiling: 14,
    });
  });
});

describe("the written notice (Pasal 22(7)) and its extension (22(8))", () => {
  it("a request received on a Saturday counts from Monday, across Independence Day and Maulid", () => {
    // Counted: 10–14 Aug (5), 17 Aug holiday, 18–21 (9), 24 Aug (10).
    const due = wib.noticeDue(at("2026-08-08T10:00+07:00"));
    expect(due).toBe("2026-08-24");
    // 25 Aug is Maulid: 26–28 (3), 31 Aug–3 Sep (7).
    expect(wib.extendedNoticeDue(due)).toBe("2026-09-03");
  });

  it("a request received at 03:00 on a Monday counts from Tuesday", () => {
    // Counted: 11–14 Aug (4), 18–21 (8), 24 (9), 25 Maulid, 26 Aug (10).
    expect(wib.noticeDue(at("2026-08-10T03:00+07:00"))).toBe("2026-08-26");
    // The same instant is still Sunday in UTC: the office's zone decides the day, not the server's.
    expect(wib.noticeDue(at("2026-08-09T20:00Z"))).toBe("2026-08-26");
  });

  it("a request received on Sunday 23:30 WIB is Monday 00:30 WITA: each office counts its own day", () => {
    const sundayNightWib = at("2026-08-09T23:30+07:00");
    expect(wib.dateOf(sundayNightWib)).toBe("2026-08-09");
    expect(wita.dateOf(sundayNightWib)).toBe("2026-08-10");
    expect(wib.noticeDue(sundayNightWib)).toBe("2026-08-24");
    expect(wita.noticeDue(sundayNightWib)).toBe("2026-08-26");
  });

  it("a request received after closing time or on a holiday still counts from the next working day", () => {
    // Friday 14 Aug after office hours: Monday 17 Aug is a holiday, so 18 Aug is day 1.
    expect(wib.noticeDue(at("2026-08-14T23:30+07:00"))).toBe(wib.workingDaysAfter("2026-08-17", 10));
    expect(wib.noticeDue(at("2026-08-14T23:30+07:00"))).toBe("2026-09-01");
    expect(wib.noticeDue(at("2026-08-17T10:00+07:00"))).toBe("2026-09-01");
  });

  it("skips the cuti bersama of Nyepi and Idul Fitri and Good Friday", () => {
    // 18 cuti, 19 Nyepi, 20 cuti, 21–22 Idul Fitri, 23–24 cuti: 25–27 Mar (3), 30 Mar–2 Apr (7),
    // 3 Apr Good Friday, 6–8 Apr (10).
    const due = wib.noticeDue(at("2026-03-17T10:00+07:00"));
    expect(due).toBe("2026-04-08");
    expect(wib.extendedNoticeDue(due)).toBe("2026-04-17");
  });

  it("skips the Christmas cuti bersama and Christmas Day", () => {
    // 11–18 Dec (6), 21–23 (9), 24 cuti bersama, 25 Christmas, 28 Dec (10).
    expect(wib.noticeDue(at("2026-12-10T14:00+07:00"))).toBe("2026-12-28");
  });
});

describe("objections (Pasal 36) and disputes (Pasal 37(2))", () => {
  it("an objection may be filed for 30 working days after its reason, across Ascension, Idul Adha and 1 Juni", () => {
    expect(wib.objectionFilingEnds("2026-05-04")).toBe("2026-06-23");
    expect(wib.objectionFilingEnds(at("2026-05-04T15:00+07:00"))).toBe("2026-06-23");
  });

  it("the atasan PPID answers within 30 working days of receiving the objection", () => {
    // Received Monday 16 Mar at 16:00 WIB (09:00 UTC); Idul Fitri week, Good Friday and 1 May skipped.
    expect(wib.objectionAnswerDue(at("2026-03-16T09:00:00Z"))).toBe("2026-05-06");
  });

  it("a dispute may be filed within 14 working days after the answer; an answer on Sunday counts from Monday", () => {
    expect(wib.disputeFilingEnds(at("2026-05-10T08:00+07:00"))).toBe("2026-06-04");
  });
});

describe("counting helpers", () => {
  it("counts the working days after one date up to another", () => {
    expect(wib.workingDaysBetween("2026-08-08", "2026-08-24")).toBe(10);
    expect(wib.workingDaysBetween("2026-08-24", "2026-08-24")).toBe(0);
    expect(wib.workingDaysBetween("2026-08-24", "2026-08-01")).toBe(0);
  });

  it("refuses nonsense instead of counting from it", () => {
    expect(() => wib.workingDaysAfter("2026-02-30", 1)).toThrow(RangeError);
    expect(() => wib.workingDaysAfter("2026-08-10", 0)).toThrow(RangeError);
  });
});

describe("npm run -s ppid-calendar", () => {
  const run = (input: string, args: string[] = []) =>
    execFileSync(process.execPath, ["--import", "tsx", path.resolve("server/ppid/calendarCli.ts"), ...args], {
      input,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));

  it("answers one line per event, in order, with dates in the office's zone, and an error line for bad input", () => {
    const input = [
      { id: 1, event: "request", at: "2026-08-08T10:00+07:00" },
      { id: "senin-dini-hari", event: "request", at: "2026-08-09T20:00Z" },
      { id: 3, event: "reason", at: "2026-05-04" },
      { id: 4, event: "objection", at: "2026-03-16T16:00" },
      { id: 5, event: "objection_answer", at: "2026-05-10T08:00+07:00" },
    ]
      .map((line) => JSON.stringify(line))
      .concat(["{ not json", "", JSON.stringify({ id: 6, event: "keberatan", at: "kemarin" })])
      .join("\n");
    expect(run(input)).toEqual([
      { id: 1, noticeDue: "2026-08-24", extendedNoticeDue: "2026-09-03" },
      { id: "senin-dini-hari", noticeDue: "2026-08-26", extendedNoticeDue: "2026-09-04" },
      { id: 3, objectionFilingEnds: "2026-06-23" },
      { id: 4, objectionAnswerDue: "2026-05-06" },
      { id: 5, disputeFilingEnds: "2026-06-04" },
      { line: 6, error: expect.stringContaining("invalid JSON") },
      { id: 6, line: 8, error: expect.stringMatching(/event: .*at: /) },
    ]);
  });

  it("counts in another zone when told", () => {
    const input = JSON.stringify({ id: 1, event: "request", at: "2026-08-09T23:30+07:00" });
    expect(run(input, ["--zone", "Asia/Makassar"])).toEqual([
      { id: 1, noticeDue: "2026-08-26", extendedNoticeDue: "2026-09-04" },
    ]);
  });
});
