import { z } from "zod";
import { INDONESIAN_TIME_ZONES, type IndonesianTimeZone } from "@server/deadlines/timeZones.js";
import type { IsoDate, PpidCalendar } from "./calendar.js";

// The events the calendar CLI reads, and the deadlines each one starts: the same functions the
// app uses, so what the CLI prints is what the app stores.

export const CALENDAR_EVENTS = ["request", "reason", "objection", "objection_answer"] as const;
export type CalendarEvent = (typeof CALENDAR_EVENTS)[number];

const EVENT_TIME = /^(20\d\d-\d\d-\d\d)(?:T\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)?)?$/i;
/** An instant with its offset, a local time without one (office time), or a local date, in 2000–2099. */
const eventTime = z
  .string()
  .refine(
    (value) => EVENT_TIME.test(value) && isRealDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)),
    "at must be an ISO time (2026-03-02T09:00+07:00) or a date (2026-03-02) between 2000 and 2099",
  );

function isRealDate(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
}

export const calendarEventSchema = z.object({
  id: z.unknown().optional(),
  event: z.enum(CALENDAR_EVENTS),
  at: eventTime,
});
export type CalendarEventInput = z.infer<typeof calendarEventSchema>;

/** "at" as the office reads it: a date stays a date; a time without an offset is the office's clock. */
function eventMoment(at: string, timeZone: string): Date | IsoDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(at)) return new Date(at);
  const offsetMinutes = INDONESIAN_TIME_ZONES[timeZone as IndonesianTimeZone] ?? 420;
  return new Date(Date.parse(`${at}Z`) - offsetMinutes * 60_000);
}

export function deadlinesOfEvent(input: CalendarEventInput, calendar: PpidCalendar): Record<string, IsoDate> {
  const at = eventMoment(input.at, calendar.timeZone);
  switch (input.event) {
    case "request": {
      const noticeDue = calendar.noticeDue(at);
      return { noticeDue, extendedNoticeDue: calendar.extendedNoticeDue(noticeDue) };
    }
    case "reason":
      return { objectionFilingEnds: calendar.objectionFilingEnds(at) };
    case "objection":
      return { objectionAnswerDue: calendar.objectionAnswerDue(at) };
    case "objection_answer":
      return { disputeFilingEnds: calendar.disputeFilingEnds(at) };
  }
}
