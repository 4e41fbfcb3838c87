import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "@server/crypto/secretBox.js";

describe("SecretBox (channel tokens at rest)", () => {
  const box = new SecretBox(randomBytes(32));

  it("round-trips a secret without storing it in clear", () => {
    const sealed = box.seal("EAAG-page-access-token");
    expect(sealed).not.toContain("EAAG");
    expect(box.open(sealed)).toBe("EAAG-page-access-token");
    expect(box.seal("EAAG-page-access-token")).not.toBe(sealed);
  });

  it("refuses a tampered value or another key", () => {
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other!").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => box.open("garbage")).toThrow(/Not a sealed secret/);
  });
});
