import type { PrismaClient } from "@server/db/client.js";

/** The names a timeline shows: who acted, and, for assignments, to whom and to which unit. */
export type TimelineNames = { people: Map<string, string>; units: Map<string, string> };

type EventRow = { type: string; actorId: string | null; data: unknown };

/** Both ends ({from, to}) of a change an "assigned" event records under `key`. */
export function assignmentEnds(event: EventRow, key: "assignee" | "unit"): { from: string | null; to: string | null } {
  const change = event.type === "assigned" ? (event.data as Record<string, unknown> | null)?.[key] : null;
  const end = (value: unknown) => (typeof value === "string" ? value : null);
  const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
  return { from: end(from), to: end(to) };
}

export async function timelineNames(prisma: PrismaClient, events: EventRow[]): Promise<TimelineNames> {
  const ends = (key: "assignee" | "unit") =>
    events.flatMap((event) => Object.values(assignmentEnds(event, key))).filter((id): id is string => !!id);
  const personIds = [...events.flatMap((e) => (e.actorId ? [e.actorId] : [])), ...ends("assignee")];
  const [people, units] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: [...new Set(personIds)] } }, select: { id: true, name: true } }),
    prisma.unit.findMany({ where: { id: { in: [...new Set(ends("unit"))] } }, select: { id: true, name: true } }),
  ]);
  return {
    people: new Map(people.map((person) => [person.id, person.name])),
    units: new Map(units.map((unit) => [unit.id, unit.name])),
  };
}
