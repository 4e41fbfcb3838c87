import { expect, it } from "vitest";
import * as locks from "@server/db/locks.js";

// Two kinds of work sharing a key would exclude each other for no reason (a backup held up a recount).
it("gives every kind of locked work a key of its own", () => {
  const keys = Object.entries(locks).filter(([name]) => name.endsWith("_LOCK_KEY"));
  expect(keys.length).toBeGreaterThan(5);
  expect(new Set(keys.map(([, key]) => key)).size).toBe(keys.length);
});
