import { describe, expect, it } from "vitest";
import { incomingMessage, storableCut } from "@server/channels/incoming.js";
import { storableText } from "@server/text/storable.js";
import { failureOf } from "@server/inbox/deadLetters.js";

describe("storable platform text", () => {
  it("removes NUL and replaces lone surrogates with U+FFFD, keeping whole emoji", () => {
    expect(storableText("a\u0000b")).toBe("ab");
    expect(storableText("x \ud83d y")).toBe("x \uFFFD y");
    expect(storableText("x \ude00 y")).toBe("x \uFFFD y");
    expect(storableText("ok \ud83d\ude00")).toBe("ok \ud83d\ude00");
    expect(storableText("\ude00\ud83d")).toBe("\uFFFD\uFFFD");
  });

  it("cuts long text without leaving half an emoji", () => {
    expect(storableCut("ab\ud83d\ude00", 3)).toBe("ab\uFFFD");
    expect(storableCut("abc", 5)).toBe("abc");
  });

  it("makes every text field of a message storable, and cuts text and author name to their limits", () => {
    const message = incomingMessage({
      source: "facebook_comment",
      platformId: "c\u00001",
      parentPlatformId: null,
      postRemoteId: "p\ud83d",
      threadKey: "t",
      author: { platformId: null, name: `${"n".repeat(300)}\u0000`, handle: "h\ud83d" },
      text: `${"t".repeat(25_000)}`,
      sentAt: new Date(0),
      attachments: [{ type: "photo", url: "https://x/\u0000" }],
    });
    expect(message).toMatchObject({
      platformId: "c1",
      postRemoteId: "p\uFFFD",
      author: { handle: "h\uFFFD" },
      attachments: [{ url: "https://x/" }],
    });
    expect(message.author.name).toHaveLength(200);
    expect(message.text).toHaveLength(20_000);
  });
});

describe("filing failures as logged and shown to admins", () => {
  it("names the SQLSTATE and constraint, never the message that may quote a citizen", () => {
    const refused = Object.assign(new Error('new row violates check constraint: "Pak Budi 0812"'), {
      code: "23514",
      constraint: "InboxItem_text_check",
    });
    expect(failureOf(refused)).toEqual({
      reason: "database error 23514 (check violation) on InboxItem_text_check",
      transient: false,
    });
    expect(failureOf(Object.assign(new Error("deadlock"), { code: "40P01" })).transient).toBe(true);
    expect(failureOf(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toEqual({
      reason: "connection error ECONNRESET",
      transient: true,
    });
    expect(failureOf(new TypeError("cannot read 'Budi'"))).toEqual({ reason: "failed: TypeError", transient: false });
  });
});
