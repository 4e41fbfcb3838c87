import { describe, expect, it } from "vitest";
import { localeFromHeader } from "@server/i18n/locale.js";

describe("choosing the language of messages", () => {
  it("is Bahasa Indonesia unless English is preferred", () => {
    expect(localeFromHeader(undefined)).toBe("id");
    expect(localeFromHeader("fr-FR,de;q=0.8")).toBe("id");
    expect(localeFromHeader("en-GB,en;q=0.9")).toBe("en");
    expect(localeFromHeader("id-ID,id;q=0.9,en;q=0.8")).toBe("id");
    expect(localeFromHeader("id;q=0.5,en;q=0.9")).toBe("en");
  });
});
