import type pg from "pg";
import type { Sandbox } from "@server/sandbox/index.js";
import type { PublishingKind, SeededPost } from "./fixture.js";

// Compares what Siar recorded with what the platforms hold: every delivery published, exactly
// one remote post for it, and the recorded remoteId is that post's id.

export type DeliveryOutcome = {
  deliveryId: string;
  postId: string;
  kind: PublishingKind;
  status: string;
  remoteId: string | null;
  /** Ids of the platform's posts carrying this post's marker. */
  remoteCopies: string[];
  scheduledAtMs: number;
  publishedAtMs: number | null;
};

export type ExactlyOnceReport = {
  outcomes: DeliveryOutcome[];
  /** More than one remote post for one delivery. */
  duplicates: DeliveryOutcome[];
  /** Not published, or published with no remote post. */
  lost: DeliveryOutcome[];
  /** One remote post, but the delivery names another id. */
  wrongRemoteId: DeliveryOutcome[];
  /** Posts whose deliveries are all published while the post itself is not. */
  postsNotMarkedPublished: string[];
};

const MARKER = /kode-[0-9a-f]{6}-\d{5}/;

export async function checkExactlyOnce(db: pg.Pool, sandbox: Sandbox, posts: SeededPost[]): Promise<ExactlyOnceReport> {
  const copies = remoteCopiesByMarker(sandbox);
  const markerOf = new Map(posts.map((post) => [post.id, post.marker]));
  const { rows } = await db.query<{
    id: string;
    postId: string;
    kind: PublishingKind;
    status: string;
    remoteId: string | null;
    scheduledAtMs: number;
    publishedAtMs: number | null;
  }>(`
    SELECT d."id", d."postId", c."kind", d."status", d."remoteId",
      extract(epoch FROM p."scheduledAt") * 1000 AS "scheduledAtMs", extract(epoch FROM d."publishedAt") * 1000 AS "publishedAtMs"
    FROM "Delivery" d JOIN "Channel" c ON c."id" = d."channelId" JOIN "Post" p ON p."id" = d."postId"`);
  const outcomes = rows.map((row): DeliveryOutcome => {
    // The website is Siar itself: its "remote post" is the published delivery.
    const remoteCopies =
      row.kind === "website"
        ? row.status === "published"
          ? [row.id]
          : []
        : (copies.get(`${row.kind} ${markerOf.get(row.postId)}`) ?? []);
    return {
      deliveryId: row.id,
      postId: row.postId,
      kind: row.kind,
      status: row.status,
      remoteId: row.remoteId,
      remoteCopies,
      scheduledAtMs: Number(row.scheduledAtMs),
      publishedAtMs: row.publishedAtMs === null ? null : Number(row.publishedAtMs),
    };
  });
  const stuck = await db.query<{ id: string }>(`
    SELECT p."id" FROM "Post" p WHERE p."status" <> 'published'
      AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."postId" = p."id" AND d."status" <> 'published')`);
  return {
    outcomes,
    duplicates: outcomes.filter((o) => o.remoteCopies.length > 1),
    lost: outcomes.filter((o) => o.status !== "published" || o.remoteCopies.length === 0),
    wrongRemoteId: outcomes.filter((o) => o.remoteCopies.length === 1 && o.remoteId !== o.remoteCopies[0]),
    postsNotMarkedPublished: stuck.rows.map((row) => row.id),
  };
}

/** "kind marker" → ids of the remote posts carrying that marker on that platform. */
function remoteCopiesByMarker(sandbox: Sandbox): Map<string, string[]> {
  const published = sandbox.control.published();
  const remote: { kind: PublishingKind; id: string; text: string | undefined }[] = [
    ...published.facebook.posts.map((p) => ({ kind: "facebook" as const, id: p.id, text: p.message })),
    ...published.instagram.media.map((m) => ({ kind: "instagram" as const, id: m.id, text: m.caption })),
    ...published.x.tweets.map((t) => ({ kind: "x" as const, id: t.id, text: t.text })),
    ...published.wordpress.posts.map((p) => ({ kind: "wordpress" as const, id: String(p.id), text: p.title })),
  ];
  const copies = new Map<string, string[]>();
  for (const post of remote) {
    const marker = post.text?.match(MARKER)?.[0];
    if (!marker) continue;
    const key = `${post.kind} ${marker}`;
    copies.set(key, [...(copies.get(key) ?? []), post.id]);
  }
  return copies;
}
