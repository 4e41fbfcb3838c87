import { describe, expect, it } from "vitest";
import type { Channel } from "@server/db/generated/client.js";
import { presentChannel } from "@server/presenters/channel.js";

// A real Facebook or Instagram channel warns when Meta could not reach Siar: a private address,
// or plain http (Meta calls webhooks and fetches media only over HTTPS with a valid certificate).

const channel = (overrides: Partial<Channel> = {}) =>
  ({
    id: "c",
    unitId: "u",
    kind: "facebook",
    name: "Halaman",
    externalId: "1",
    credentials: "",
    settings: {},
    simulated: false,
    monthlyRequestBudget: null,
    monthlySpendBudgetCents: null,
    status: "connected",
    statusReason: null,
    statusChangedAt: new Date(),
    createdAt: new Date(),
    updatedAt: new Date(),
    webhookStatus: "subscribed",
    webhookFields: ["feed"],
    webhookError: null,
    webhookCheckedAt: null,
    grantedPermissions: [],
    permissionsCheckedAt: null,
    unit: { id: "u", name: "Kominfo" },
    ...overrides,
  }) as Channel & { unit: { id: string; name: string } };

const warningOf = (publicBaseUrl: string, overrides?: Partial<Channel>) =>
  presentChannel(channel(overrides), { publicBaseUrl, locale: "id" }).warning?.code ?? null;

describe("channel warnings about PUBLIC_BASE_URL", () => {
  it("plain http on a public host is not HTTPS; a private address is unreachable; https is fine", () => {
    expect(warningOf("http://siar.sanggaukab.go.id")).toBe("public_base_url_not_https");
    expect(warningOf("http://192.168.1.10:3000")).toBe("public_base_url_unreachable");
    expect(warningOf("https://siar.sanggaukab.go.id")).toBeNull();
  });

  it("simulated channels and X are not concerned", () => {
    expect(warningOf("http://siar.sanggaukab.go.id", { simulated: true })).toBeNull();
    expect(warningOf("http://siar.sanggaukab.go.id", { kind: "x" })).toBeNull();
  });
});
