import { describe, expect, it } from "vitest";
import { en } from "@web/i18n/en.js";
import { id } from "@web/i18n/id.js";
import { deliveryProblemKey } from "@web/publishing/deliveryProblems.js";

// The post page explains a failed or waiting delivery in plain words from the adapters' codes.

describe("delivery problems in plain words", () => {
  it.each([
    ["graph:190", "deliveryProblem.access"],
    ["x:401", "deliveryProblem.access"],
    ["wordpress:incorrect_password", "deliveryProblem.access"],
    ["x:oauth_invalid_grant", "deliveryProblem.access"],
    ["graph:missing_pageAccessToken", "deliveryProblem.access"],
    ["channel:not_connected", "deliveryProblem.notConnected"],
    ["x:429", "deliveryProblem.rateLimited"],
    ["graph:32", "deliveryProblem.rateLimited"],
    ["graph:80001", "deliveryProblem.rateLimited"],
    ["instagram:publishing_limit", "deliveryProblem.instagramLimit"],
    ["graph:timeout", "deliveryProblem.timeout"],
    ["wordpress:network", "deliveryProblem.unreachable"],
    ["wordpress:redirect", "deliveryProblem.moved"],
    ["x:duplicate", "deliveryProblem.duplicate"],
    ["instagram:container_error", "deliveryProblem.mediaRejected"],
    ["graph:324", "deliveryProblem.mediaRejected"],
    ["instagram:container_not_ready", "deliveryProblem.processing"],
    ["x:503", "deliveryProblem.platformError"],
    ["graph:2", "deliveryProblem.platformError"],
    ["graph:100", "deliveryProblem.refused"],
    ["graph:10", "deliveryProblem.permission"],
    ["graph:200", "deliveryProblem.permission"],
    ["graph:ppa_required", "deliveryProblem.pagePublishingAuthorization"],
    ["graph:two_factor_required", "deliveryProblem.twoFactorRequired"],
    ["x:403", "deliveryProblem.refused"],
  ])("%s reads as %s", (code, key) => {
    expect(deliveryProblemKey(code)).toBe(key);
  });

  it("has words in both languages for every explanation", () => {
    const keys = Object.keys(id).filter((key) => key.startsWith("deliveryProblem."));
    expect(keys.length).toBe(16);
    for (const key of keys) expect(en[key as keyof typeof en]).toMatch(/\w/);
  });
});
