import { describe, expect, it } from "vitest";
import { IndonesianHolidays } from "@server/deadlines/holidaysId.js";
import {
  DEFAULT_SERVICE_LEVEL_POLICIES,
  DeadlineError,
  deadlinesFor,
  escalationStep,
  extendInformationRequest,
  objectionFilingClosesAt,
  selectPolicy,
  slaState,
  type ServiceLevelPolicy,
} from "@server/deadlines/policies.js";
import { GOVERNMENT_WORKING_HOURS, INDONESIAN_TIME_ZONES, WorkingCalendar } from "@server/deadlines/workingTime.js";

// Every expectation is a literal local time with its zone's offset (+07:00 WIB, +08:00 WITA,
// +09:00 WIT), worked out by hand from the 2026 calendar and the SKB holiday list.
const at = (isoWithOffset: string) => new Date(isoWithOffset);
const wib = new WorkingCalendar({ timeZone: "Asia/Jakarta" });
const wit = new WorkingCalendar({ timeZone: "Asia/Jayapura" });
const policy = (id: string): ServiceLevelPolicy => {
  const found = DEFAULT_SERVICE_LEVEL_POLICIES.find((p) => p.id === id);
  if (!found) throw new Error(`no default policy ${id}`);
  return found;
};
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DeadlineError) return error.code;
    throw error;
  }
  return "accepted";
};

describe("time zones", () => {
  it("uses the offsets the time zone database gives for WIB, WITA and WIT (no daylight saving)", () => {
    for (const [zone, offsetMinutes] of Object.entries(INDONESIAN_TIME_ZONES)) {
      for (const moment of [at("2026-01-15T00:00Z"), at("2026-07-15T00:00Z")]) {
        const shown = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "longOffset" }).format(moment);
        expect(shown).toContain(`GMT+0${offsetMinutes / 60}:00`);
      }
    }
  });
});

describe("working time", () => {
  it("knows office hours, the lunch break, weekends and national holidays", () => {
    expect(wib.isWorkingTime(at("2026-08-10T10:00+07:00"))).toBe(true); // Monday morning
    expect(wib.isWorkingTime(at("2026-08-10T12:30+07:00"))).toBe(false); // Monday break 12:00–13:00
    expect(wib.isWorkingTime(at("2026-08-07T12:30+07:00"))).toBe(false); // Friday prayer break 11:30–13:00
    expect(wib.isWorkingTime(at("2026-08-07T16:15+07:00"))).toBe(true); // Friday closes at 16:30
    expect(wib.isWorkingTime(at("2026-08-10T16:00+07:00"))).toBe(false); // Monday closes at 16:00
    expect(wib.isWorkingTime(at("2026-08-08T10:00+07:00"))).toBe(false); // Saturday
    expect(wib.isWorkingTime(at("2026-08-17T10:00+07:00"))).toBe(false); // Monday 17 August, Independence Day
    expect(wib.nonWorkingDayAt(at("2026-12-24T10:00+07:00"))?.kind).toBe("cuti_bersama"); // Christmas Eve 2026
  });

  it("starts the clock at the next opening when an item arrives outside office hours", () => {
    // Saturday night → Monday 07:30.
    expect(wib.nextWorkingMoment(at("2026-08-08T21:00+07:00"))).toEqual(at("2026-08-10T07:30+07:00"));
    // Saturday before 17 August (Monday, holiday) → Tuesday 07:30.
    expect(wib.nextWorkingMoment(at("2026-08-15T21:00+07:00"))).toEqual(at("2026-08-18T07:30+07:00"));
    // During the break → 13:00 the same day; during office hours → unchanged.
    expect(wib.nextWorkingMoment(at("2026-08-10T12:10+07:00"))).toEqual(at("2026-08-10T13:00+07:00"));
    expect(wib.nextWorkingMoment(at("2026-08-10T09:00+07:00"))).toEqual(at("2026-08-10T09:00+07:00"));
  });

  it("adds working minutes across the break, the weekend, and ends at closing time when the day is used up", () => {
    // Mon 11:00 + 2 h: 60 min until 12:00, break, 60 min from 13:00 → 14:00.
    expect(wib.addWorkingTime(at("2026-08-10T11:00+07:00"), 120)).toEqual(at("2026-08-10T14:00+07:00"));
    // Mon 15:00 + 1 h lands exactly on Monday's closing, not on Tuesday's opening.
    expect(wib.addWorkingTime(at("2026-08-10T15:00+07:00"), 60)).toEqual(at("2026-08-10T16:00+07:00"));
    // Fri 14 Aug 16:00 + 1 h: 30 min until 16:30, weekend, Monday 17 Aug holiday, 30 min Tuesday → 08:00.
    expect(wib.addWorkingTime(at("2026-08-14T16:00+07:00"), 60)).toEqual(at("2026-08-18T08:00+07:00"));
  });

  it("counts working minutes between two moments, negative when reversed", () => {
    // Fri 15:00–16:30 (90) + Mon 07:30–09:00 (90).
    expect(wib.workingMinutesBetween(at("2026-08-07T15:00+07:00"), at("2026-08-10T09:00+07:00"))).toBe(180);
    expect(wib.workingMinutesBetween(at("2026-08-10T09:00+07:00"), at("2026-08-07T15:00+07:00"))).toBe(-180);
    // Mon 11:00–14:00 minus the 12:00–13:00 break.
    expect(wib.workingMinutesBetween(at("2026-08-10T11:00+07:00"), at("2026-08-10T14:00+07:00"))).toBe(120);
    // Fri 14 Aug 16:00–16:30 (30) + Tue 18 Aug 07:30–08:30 (60): the weekend and 17 August count nothing.
    expect(wib.workingMinutesBetween(at("2026-08-14T16:00+07:00"), at("2026-08-18T08:30+07:00"))).toBe(90);
  });

  it("gives back what addWorkingTime added", () => {
    for (const start of ["2026-08-07T15:00+07:00", "2026-08-10T11:40+07:00", "2026-12-23T14:00+07:00"]) {
      for (const minutes of [1, 75, 450, 2000]) {
        const end = wib.addWorkingTime(at(start), minutes);
        expect(wib.workingMinutesBetween(at(start), end)).toBe(minutes);
      }
    }
  });

  it("counts the same wall-clock time in WIT and WIB to the same local deadline, two hours apart", () => {
    // Friday 15:00 + 8 working hours: Fri 15:00–16:30 (90), Mon 07:30–12:00 (270), Mon 13:00–15:00 (120).
    expect(wit.addWorkingTime(at("2026-08-07T15:00+09:00"), 480)).toEqual(at("2026-08-10T15:00+09:00"));
    expect(wib.addWorkingTime(at("2026-08-07T15:00+07:00"), 480)).toEqual(at("2026-08-10T15:00+07:00"));
  });

  it("counts the same instant differently in WIT and WIB: each office keeps its own hours", () => {
    const received = at("2026-08-07T06:00Z"); // Friday 15:00 WIT = 13:00 WIB
    // WIT: 90 min on Friday, 270 Monday morning, 120 after the break → Mon 15:00 WIT.
    expect(wit.addWorkingTime(received, 480)).toEqual(at("2026-08-10T15:00+09:00"));
    // WIB: 13:00–16:30 gives 210 on Friday, the remaining 270 fill Monday morning → Mon 12:00 WIB.
    expect(wib.addWorkingTime(received, 480)).toEqual(at("2026-08-10T12:00+07:00"));
  });

  it("accepts other office hours and refuses a table that cannot work", () => {
    const plainHours = { ...GOVERNMENT_WORKING_HOURS, monday: [{ from: "08:00", to: "16:00" }] };
    const calendar = new WorkingCalendar({ timeZone: "Asia/Makassar", weeklyHours: plainHours });
    // No break on Monday in this table: Mon 11:00 WITA + 2 h → 13:00 WITA.
    expect(calendar.addWorkingTime(at("2026-08-10T11:00+08:00"), 120)).toEqual(at("2026-08-10T13:00+08:00"));
    const closed = Object.fromEntries(Object.keys(GOVERNMENT_WORKING_HOURS).map((day) => [day, []]));
    expect(() => new WorkingCalendar({ timeZone: "Asia/Jakarta", weeklyHours: closed as never })).toThrow(RangeError);
    const overlapping = {
      ...GOVERNMENT_WORKING_HOURS,
      tuesday: [
        { from: "08:00", to: "12:00" },
        { from: "11:00", to: "15:00" },
      ],
    };
    expect(() => new WorkingCalendar({ timeZone: "Asia/Jakarta", weeklyHours: overlapping })).toThrow(/overlap/);
    expect(
      () =>
        new WorkingCalendar({
          timeZone: "Asia/Jakarta",
          weeklyHours: { ...plainHours, monday: [{ from: "8", to: "16:00" }] },
        }),
    ).toThrow(/HH:MM/);
  });
});

describe("working days (LAPOR! style: closing time of the Nth working day after the day of receipt)", () => {
  it("treats an item received on Saturday night as received on Monday", () => {
    // Day of receipt Mon 10 Aug; 3 working days: Tue 11, Wed 12, Thu 13 → Thu 16:00.
    expect(wib.addWorkingDays(at("2026-08-08T21:00+07:00"), 3)).toEqual(at("2026-08-13T16:00+07:00"));
    // Received Mon 10 Aug 09:00: the same day of receipt, so the same deadline.
    expect(wib.addWorkingDays(at("2026-08-10T09:00+07:00"), 3)).toEqual(at("2026-08-13T16:00+07:00"));
    // Received Mon 10 Aug 16:05, after closing: day of receipt Tue 11 → Fri 14, which closes at 16:30.
    expect(wib.addWorkingDays(at("2026-08-10T16:05+07:00"), 3)).toEqual(at("2026-08-14T16:30+07:00"));
  });

  it("skips 17 August", () => {
    // Fri 14 Aug: Mon 17 is a holiday; Tue 18 (1), Wed 19 (2), Thu 20 (3), Fri 21 (4), Mon 24 (5).
    expect(wib.addWorkingDays(at("2026-08-14T10:00+07:00"), 5)).toEqual(at("2026-08-24T16:00+07:00"));
  });

  it("skips Nyepi, Idul Fitri 2026 and its cuti bersama, which the holiday package alone would miss", () => {
    const received = at("2026-03-17T09:00+07:00"); // Tuesday
    // Wed 18 cuti bersama Nyepi, Thu 19 Nyepi, Fri 20 cuti bersama, Sat 21–Sun 22 Idul Fitri,
    // Mon 23 and Tue 24 cuti bersama; then Wed 25 (1), Thu 26 (2), Fri 27 (3), Mon 30 (4), Tue 31 (5).
    expect(wib.addWorkingDays(received, 5)).toEqual(at("2026-03-31T16:00+07:00"));
    // Without the SKB overrides the package closes only Thu 19 (Nyepi) and Fri 20 (its Idul Fitri):
    // Wed 18 (1), Mon 23 (2), Tue 24 (3), Wed 25 (4), Thu 26 (5).
    const packageOnly = new WorkingCalendar({
      timeZone: "Asia/Jakarta",
      holidays: new IndonesianHolidays({ overrides: [] }),
    });
    expect(packageOnly.addWorkingDays(received, 5)).toEqual(at("2026-03-26T16:00+07:00"));
  });

  it("skips Christmas 2026 with its cuti bersama and New Year's Day", () => {
    const received = at("2026-12-23T14:00+07:00"); // Wednesday
    // Thu 24 cuti bersama, Fri 25 Christmas, weekend → Mon 28 is the first working day.
    expect(wib.addWorkingDays(received, 1)).toEqual(at("2026-12-28T16:00+07:00"));
    // Mon 28 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4), Fri 1 Jan holiday, weekend, Mon 4 Jan (5).
    expect(wib.addWorkingDays(received, 5)).toEqual(at("2027-01-04T16:00+07:00"));
  });
});

describe("policy selection", () => {
  const policies = DEFAULT_SERVICE_LEVEL_POLICIES;

  it("picks by urgency, and by kind for information requests and objections", () => {
    expect(selectPolicy({ kind: "pengaduan", urgency: "darurat" }, policies)?.id).toBe("darurat");
    expect(selectPolicy({ kind: "aspirasi", urgency: "rendah" }, policies)?.id).toBe("rendah");
    expect(selectPolicy({ kind: "permohonan_informasi", urgency: "normal" }, policies)?.id).toBe(
      "permohonan_informasi",
    );
    // Kind beats urgency: the law sets an information request's deadline whatever its urgency.
    expect(selectPolicy({ kind: "permohonan_informasi", urgency: "tinggi" }, policies)?.id).toBe(
      "permohonan_informasi",
    );
    expect(selectPolicy({ kind: "keberatan", urgency: "normal" }, policies)?.id).toBe("keberatan");
  });

  it("lets the most specific policy win, then the first listed, and finds none when nothing applies", () => {
    const base = policy("normal");
    const catchAll = { ...base, id: "catch_all", appliesTo: {} };
    const roads = { ...base, id: "urgent_complaints", appliesTo: { kinds: ["pengaduan"], urgencies: ["tinggi"] } };
    const list = [catchAll, ...policies, roads];
    expect(selectPolicy({ kind: "pengaduan", urgency: "tinggi" }, list)?.id).toBe("urgent_complaints");
    expect(selectPolicy({ kind: "lainnya", urgency: "unknown" }, list)?.id).toBe("catch_all");
    const twin = { ...base, id: "normal_twin" };
    expect(selectPolicy({ kind: "pengaduan", urgency: "normal" }, [base, twin])?.id).toBe("normal");
    expect(selectPolicy({ kind: "lainnya", urgency: "unknown" }, policies)).toBeUndefined();
  });
});

describe("deadlines for an item", () => {
  it("gives a normal complaint received on Saturday night 3 working days to verify and 5 to respond", () => {
    const deadlines = deadlinesFor(at("2026-08-08T21:00+07:00"), policy("normal"), wib);
    // Day of receipt Mon 10: verification Tue 11, Wed 12, Thu 13 → Thu 16:00.
    expect(deadlines.firstResponseDueAt).toEqual(at("2026-08-13T16:00+07:00"));
    // Response: Tue 11 … Fri 14 (4), Mon 17 holiday, Tue 18 (5).
    expect(deadlines.resolutionDueAt).toEqual(at("2026-08-18T16:00+07:00"));
  });

  it("gives a dispute 14 working days, skipping 17 August and Maulid Nabi (25 August)", () => {
    const { resolutionDueAt } = deadlinesFor(at("2026-08-08T21:00+07:00"), policy("normal"), wib, "dispute");
    // From Mon 10: 11–14 (4), 18–21 (8), 24 (9), 26–28 (12), 31 (13), Tue 1 Sep (14).
    expect(resolutionDueAt).toEqual(at("2026-09-01T16:00+07:00"));
  });

  it("counts an emergency in calendar hours straight through the weekend", () => {
    const deadlines = deadlinesFor(at("2026-08-07T23:30+07:00"), policy("darurat"), wib); // Friday night
    expect(deadlines.firstResponseDueAt).toEqual(at("2026-08-08T00:30+07:00")); // Saturday 00:30
    expect(deadlines.resolutionDueAt).toEqual(at("2026-08-08T23:30+07:00")); // Saturday 23:30
  });

  it("gives a high-urgency complaint one working day to respond", () => {
    const deadlines = deadlinesFor(at("2026-12-23T14:00+07:00"), policy("tinggi"), wib);
    expect(deadlines.firstResponseDueAt).toEqual(at("2026-12-28T16:00+07:00")); // Christmas and cuti bersama skipped
  });

  it("gives an objection 30 working days, and a citizen 30 working days to file one", () => {
    const received = at("2026-08-03T09:00+07:00"); // Monday
    // Aug 4–7 (4), 10–14 (9), 18–21 (13), 24 (14), 26–28 (17), 31 (18), Sep 1–4 (22), 7–11 (27), 14–16 (30).
    expect(deadlinesFor(received, policy("keberatan"), wib).resolutionDueAt).toEqual(at("2026-09-16T16:00+07:00"));
    expect(objectionFilingClosesAt(received, wib)).toEqual(at("2026-09-16T16:00+07:00"));
  });
});

describe("information requests (UU 14/2008 art. 22)", () => {
  const received = at("2026-08-03T09:00+07:00"); // Monday
  // Tue 4 … Fri 14 (9), Mon 17 holiday, Tue 18 (10).
  const answerDue = at("2026-08-18T16:00+07:00");

  it("must be answered within 10 working days", () => {
    expect(deadlinesFor(received, policy("permohonan_informasi"), wib).resolutionDueAt).toEqual(answerDue);
  });

  it("may be extended once by up to 7 working days after the original due day, with a reason", () => {
    const extended = extendInformationRequest(
      { dueAt: answerDue },
      { workingDays: 7, reason: "  Dokumen harus dihimpun dari tiga OPD  ", at: at("2026-08-17T10:00+07:00") },
      wib,
    );
    // After Tue 18: Wed 19 (1), Thu 20 (2), Fri 21 (3), Mon 24 (4), Tue 25 Maulid, Wed 26 (5), Thu 27 (6), Fri 28 (7) → 16:30.
    expect(extended.dueAt).toEqual(at("2026-08-28T16:30+07:00"));
    expect(extended.extension).toEqual({
      workingDays: 7,
      reason: "Dokumen harus dihimpun dari tiga OPD",
      extendedAt: at("2026-08-17T10:00+07:00"),
      previousDueAt: answerDue,
    });
  });

  it("refuses more than 7 days, a second extension, a missing reason, or an extension after the deadline", () => {
    const request = { workingDays: 3, reason: "Dokumen di arsip", at: at("2026-08-18T15:00+07:00") };
    expect(refusal(() => extendInformationRequest({ dueAt: answerDue }, { ...request, workingDays: 8 }, wib))).toBe(
      "extension_length_invalid",
    );
    expect(refusal(() => extendInformationRequest({ dueAt: answerDue }, { ...request, workingDays: 0 }, wib))).toBe(
      "extension_length_invalid",
    );
    const once = extendInformationRequest({ dueAt: answerDue }, request, wib);
    expect(refusal(() => extendInformationRequest(once, request, wib))).toBe("already_extended");
    expect(refusal(() => extendInformationRequest({ dueAt: answerDue }, { ...request, reason: "   " }, wib))).toBe(
      "extension_reason_required",
    );
    const late = { ...request, at: at("2026-08-18T16:01+07:00") };
    expect(refusal(() => extendInformationRequest({ dueAt: answerDue }, late, wib))).toBe("deadline_passed");
    expect(new DeadlineError("already_extended").messageIn("id")).toContain("satu kali");
  });
});

describe("warnings, breaches and escalation", () => {
  const dueAt = at("2026-08-18T16:00+07:00");

  it("warns in the last warnBeforeMinutes and counts an answer at the deadline itself as on time", () => {
    expect(slaState(at("2026-08-18T13:59+07:00"), dueAt, 120)).toBe("ok");
    expect(slaState(at("2026-08-18T14:00+07:00"), dueAt, 120)).toBe("warning");
    expect(slaState(dueAt, dueAt, 120)).toBe("warning");
    expect(slaState(at("2026-08-18T16:01+07:00"), dueAt, 120)).toBe("breached");
  });

  it("escalates to the unit head on breach, then to Kominfo after an hour for an emergency", () => {
    const darurat = policy("darurat");
    expect(escalationStep(at("2026-08-18T15:00+07:00"), dueAt, darurat)).toBeUndefined();
    expect(escalationStep(dueAt, dueAt, darurat)).toBeUndefined();
    expect(escalationStep(at("2026-08-18T16:01+07:00"), dueAt, darurat)).toEqual({
      step: 1,
      to: "unit_head",
      since: dueAt,
    });
    expect(escalationStep(at("2026-08-18T17:00+07:00"), dueAt, darurat)).toEqual({
      step: 2,
      to: "kominfo",
      since: at("2026-08-18T17:00+07:00"),
    });
  });

  it("orders escalation rules by delay whatever order an admin entered them in", () => {
    const shuffled = {
      escalation: [
        { afterBreachMinutes: 120, to: "kominfo" as const },
        { afterBreachMinutes: 30, to: "unit_head" as const },
      ],
    };
    expect(escalationStep(at("2026-08-18T16:45+07:00"), dueAt, shuffled)?.to).toBe("unit_head");
    expect(escalationStep(at("2026-08-18T18:00+07:00"), dueAt, shuffled)).toEqual({
      step: 2,
      to: "kominfo",
      since: at("2026-08-18T18:00+07:00"),
    });
  });
});
