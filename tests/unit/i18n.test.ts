import { describe, expect, it } from "vitest";
import { en } from "@web/i18n/en.js";
import { id } from "@web/i18n/id.js";
import { translate } from "@web/i18n/translate.js";

describe("staff app messages", () => {
  it("choose the English plural form by count", () => {
    expect(translate("en", "inbox.newItems", { count: 1 })).toBe("1 new message arrived.");
    expect(translate("en", "inbox.newItems", { count: 3 })).toBe("3 new messages arrived.");
    expect(translate("en", "bulk.selected", { count: 0 })).toBe("0 messages selected");
  });

  it("keep Bahasa Indonesia's single form, filled with the count", () => {
    expect(translate("id", "inbox.newItems", { count: 1 })).toBe(id["inbox.newItems"].replace("{count}", "1"));
    expect(translate("id", "inbox.newItems", { count: 7 })).toBe(id["inbox.newItems"].replace("{count}", "7"));
  });

  it("use the same variables in every language and every plural form", () => {
    const variables = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      const english = en[key];
      const forms = typeof english === "string" ? [english] : Object.values(english);
      for (const form of forms) expect(variables(form ?? ""), key).toEqual(variables(id[key]));
    }
  });
});
