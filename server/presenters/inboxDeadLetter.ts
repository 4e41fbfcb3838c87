import type { InboxDeadLetter } from "@server/db/generated/client.js";
import type { InboxSource } from "@server/db/generated/enums.js";
import { messageOfDeadLetter } from "@server/inbox/deadLetters.js";

/** Longest raw payload shown for a whole receipt; the rest stays in the database. */
const RECEIPT_PREVIEW = 2000;

/** What it was (author and text of a message, or the start of a raw receipt), as far as it can be read. */
function preview(letter: InboxDeadLetter): { authorName: string | null; text: string; sentAt: string | null } {
  if (letter.payloadKind === "message") {
    try {
      const message = messageOfDeadLetter(letter.payload);
      return {
        authorName: message.author.name,
        text: message.text,
        sentAt: Number.isNaN(message.sentAt.getTime()) ? null : message.sentAt.toISOString(),
      };
    } catch {
      // Shown raw below.
    }
  }
  return { authorName: null, text: letter.payload.slice(0, RECEIPT_PREVIEW), sentAt: null };
}

export function presentInboxDeadLetter(
  letter: InboxDeadLetter & { channel?: { id: string; name: string; kind: string } | null },
) {
  return {
    id: letter.id,
    origin: letter.origin,
    payloadKind: letter.payloadKind,
    receiptId: letter.receiptId?.toString() ?? null,
    channel: letter.channel
      ? { id: letter.channel.id, name: letter.channel.name, kind: letter.channel.kind }
      : letter.channelId
        ? { id: letter.channelId, name: null, kind: null }
        : null,
    stream: letter.stream,
    // Written from a message's own source, an InboxSource.
    source: letter.source as InboxSource | null,
    platformId: letter.platformId,
    reason: letter.reason,
    attempts: letter.attempts,
    createdAt: letter.createdAt.toISOString(),
    lastFailedAt: letter.lastFailedAt.toISOString(),
    resolution: letter.resolution,
    resolvedAt: letter.resolvedAt?.toISOString() ?? null,
    itemId: letter.itemId,
    // Citizens' words: the web shows them as text, escaped.
    preview: preview(letter),
  };
}
