import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { routePattern } from "@server/observability/httpMetrics.js";

const request = (originalUrl: string, route?: string, baseUrl = "", statusCode = 200) =>
  ({
    originalUrl,
    baseUrl,
    route: route === undefined ? undefined : { path: route },
    res: { statusCode },
  }) as unknown as Request;

describe("route pattern of a request, for the latency histogram", () => {
  it("is the matched route with its mount, ids replaced", () => {
    const id = "0b7c6a52-6d0e-4a53-9a3e-2f4f6a0c1d11";
    expect(routePattern(request(`/api/posts/${id}/approve?x=1`, "/:id/approve", "/api/posts"))).toBe(
      "/api/posts/:id/approve",
    );
    // A router mounted under a parameter: the id in the mount path is replaced too.
    expect(routePattern(request(`/api/inbox/${id}/photos/12345`, "/:photoId"))).toBe("/api/inbox/:id/photos/:photoId");
    expect(routePattern(request("/lacak/SIAR-2026-000123", "/lacak/:tracking"))).toBe("/lacak/:tracking");
  });

  it("uses the router's mount in front of a wildcard route", () => {
    expect(routePattern(request("/app/inbox/0b7c6a52-6d0e-4a53-9a3e-2f4f6a0c1d11", "/{*path}", "/app"))).toBe(
      "/app/{*path}",
    );
  });

  it("labels requests no route answered by their first segment, or unmatched when nothing was found", () => {
    expect(routePattern(request("/media/abc/123456.webp"))).toBe("/media/*");
    expect(routePattern(request("/wp-login.php", undefined, "", 404))).toBe("unmatched");
    expect(routePattern(request("/"))).toBe("/");
  });
});
