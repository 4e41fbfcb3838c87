import { describe, expect, it } from "vitest";
import { unreachableFromInternet } from "@server/media/publicReach.js";

describe("telling whether platforms can fetch Siar's media", () => {
  it("flags loopback, private and local-only addresses", () => {
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.1",
      "http://10.1.2.3",
      "http://192.168.1.20:8080",
      "http://172.20.0.5",
      "http://[::1]:3000",
      "http://siar.local",
      "http://intranet",
    ]) {
      expect(unreachableFromInternet(url), url).toBe(true);
    }
  });

  it("accepts public names and addresses", () => {
    for (const url of ["https://siar.sanggau.go.id", "https://203.0.113.10", "http://172.32.0.1"]) {
      expect(unreachableFromInternet(url), url).toBe(false);
    }
  });
});
