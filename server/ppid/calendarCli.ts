/**
 * npm run -s ppid-calendar [-- --zone Asia/Makassar] < events.jsonl > deadlines.jsonl
 *   reads one event per line and writes one line per event, in input order, dates as YYYY-MM-DD
 *   in the office's time zone (WIB unless --zone names another Indonesian zone):
 *   {"id","event":"request","at"}          → {"id","noticeDue","extendedNoticeDue"}
 *   {"id","event":"reason","at"}           → {"id","objectionFilingEnds"}
 *   {"id","event":"objection","at"}        → {"id","objectionAnswerDue"}
 *   {"id","event":"objection_answer","at"} → {"id","disputeFilingEnds"}
 *   "at" is an ISO time with its offset ("2026-03-02T03:00+07:00", "…Z"), a local time without one,
 *   or a date. A line that cannot be read gets {"id"?, "line", "error"} instead, and the rest go on.
 */
import { once } from "node:events";
import readline from "node:readline";
import { INDONESIAN_TIME_ZONES } from "@server/deadlines/timeZones.js";
import { REPORTING_TIME_ZONE } from "@server/metrics/definitions.js";
import { calendarEventSchema, deadlinesOfEvent } from "./calendarEvents.js";
import { ppidCalendarFor } from "./calendar.js";

function zoneFrom(args: string[]): string {
  const at = args.indexOf("--zone");
  if (at === -1) return REPORTING_TIME_ZONE;
  const zone = args[at + 1];
  if (!zone || !(zone in INDONESIAN_TIME_ZONES))
    throw new Error(`--zone takes one of ${Object.keys(INDONESIAN_TIME_ZONES).join(", ")}`);
  return zone;
}

async function main(args: string[]): Promise<void> {
  const calendar = ppidCalendarFor(zoneFrom(args));
  let line = 0;
  for await (const raw of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    line += 1;
    if (raw.trim() === "") continue;
    const output = answer(raw, line, calendar);
    // Respect a slow reader: wait for the pipe to drain instead of buffering everything.
    if (!process.stdout.write(`${JSON.stringify(output)}\n`)) await once(process.stdout, "drain");
  }
}

function answer(raw: string, line: number, calendar: ReturnType<typeof ppidCalendarFor>): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { line, error: `invalid JSON: ${(error as Error).message}` };
  }
  const id = (parsed as { id?: unknown } | null)?.id;
  const withId = id === undefined ? {} : { id };
  const checked = calendarEventSchema.safeParse(parsed);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`);
    return { ...withId, line, error: problems.join("; ") };
  }
  try {
    return { ...withId, ...deadlinesOfEvent(checked.data, calendar) };
  } catch (error) {
    return { ...withId, line, error: (error as Error).message };
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
