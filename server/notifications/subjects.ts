import type { Actor } from "@server/auth/actor.js";
import type { PrismaClient } from "@server/db/client.js";
import { itemSubject } from "@server/inbox/itemRecord.js";
import { can } from "@server/policies/index.js";
import type { NotificationSubject } from "./kinds.js";

/** What a notification shows of its subject, and who may read that subject now. */
export type LoadedSubject = NotificationSubject & {
  title: string;
  unitName: string | null;
  readableBy: (actor: Actor) => boolean;
};

const TITLE_CHARS = 140;
const excerpt = (text: string) => {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
};
const keyOf = (subject: NotificationSubject) => `${subject.type}:${subject.id}`;

/**
 * The posts and items some notifications are about, keyed "Type:id". A subject gone (deleted,
 * merged away) is missing. Access is asked at read time, so a user who lost access to a unit no
 * longer sees its notifications.
 */
export async function loadSubjects(
  prisma: PrismaClient,
  subjects: NotificationSubject[],
): Promise<Map<string, LoadedSubject>> {
  const idsOf = (type: NotificationSubject["type"]) => [
    ...new Set(subjects.filter((s) => s.type === type).map((s) => s.id)),
  ];
  const [posts, items, endpoints] = await Promise.all([
    prisma.post.findMany({
      where: { id: { in: idsOf("Post") } },
      select: { id: true, title: true, authorId: true, unit: { select: { name: true, path: true } } },
    }),
    prisma.inboxItem.findMany({
      where: { id: { in: idsOf("InboxItem") } },
      select: {
        id: true,
        text: true,
        unit: { select: { name: true, path: true } },
        informedUnit: { select: { path: true } },
      },
    }),
    prisma.webhookEndpoint.findMany({
      where: { id: { in: idsOf("WebhookEndpoint") } },
      select: { id: true, url: true, description: true },
    }),
  ]);
  const loaded: LoadedSubject[] = [
    ...posts.map((post) => ({
      type: "Post" as const,
      id: post.id,
      title: excerpt(post.title),
      unitName: post.unit.name,
      readableBy: (actor: Actor) => can(actor, "read", "Post", { unitPath: post.unit.path, authorId: post.authorId }),
    })),
    ...items.map((item) => ({
      type: "InboxItem" as const,
      id: item.id,
      title: excerpt(item.text),
      unitName: item.unit?.name ?? null,
      readableBy: (actor: Actor) => can(actor, "read", "InboxItem", itemSubject(item)),
    })),
    ...endpoints.map((endpoint) => ({
      type: "WebhookEndpoint" as const,
      id: endpoint.id,
      title: excerpt(endpoint.description || endpoint.url),
      unitName: null,
      readableBy: (actor: Actor) => can(actor, "read", "WebhookEndpoint"),
    })),
  ];
  return new Map(loaded.map((subject) => [keyOf(subject), subject]));
}

/** The loaded subject of a notification row, if it still exists and `actor` may read it. */
export function readableSubject(
  subjects: Map<string, LoadedSubject>,
  row: { subjectType: string; subjectId: string },
  actor: Actor,
): LoadedSubject | null {
  const subject = subjects.get(`${row.subjectType}:${row.subjectId}`);
  return subject?.readableBy(actor) ? subject : null;
}
