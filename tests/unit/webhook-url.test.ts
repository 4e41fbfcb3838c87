import { describe, expect, it } from "vitest";
import { checkedUrl } from "@server/commands/webhookEndpoints.js";
import type { Services } from "@server/services.js";

const running = (nodeEnv: "production" | "development") => ({ config: { nodeEnv } }) as unknown as Services;

describe("a webhook receiver's address", () => {
  it("must be https in production, except on this machine", () => {
    const production = running("production");
    expect(checkedUrl(production, "https://bpbd.sanggau.go.id/siar")).toBe("https://bpbd.sanggau.go.id/siar");
    for (const local of ["http://localhost:8080/x", "http://127.0.0.1/x", "http://[::1]:9000/x"])
      expect(() => checkedUrl(production, local), local).not.toThrow();
    expect(() => checkedUrl(production, "http://bpbd.sanggau.go.id/siar")).toThrow(/webhook address/);
    expect(() => checkedUrl(running("development"), "http://bpbd.sanggau.go.id/siar")).not.toThrow();
  });

  it("is refused when it is not http(s) or carries credentials", () => {
    for (const url of ["ftp://x.go.id/", "file:///etc/passwd", "javascript:alert(1)", "nope", "https://a:b@x.go.id/"])
      expect(() => checkedUrl(running("development"), url), url).toThrow(/webhook address/);
  });
});
