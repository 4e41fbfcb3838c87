import { risingTopicWatch } from "@server/inbox/earlyWarning.js";
import type { Services } from "@server/services.js";
import type { EventJob } from "./job.js";

/** Every changed item is checked for a rising topic (batched while a check runs). */
export function earlyWarnings(services: Services): EventJob<"inbox.itemChanged"> {
  const watch = risingTopicWatch(services);
  return {
    name: "early warnings",
    trigger: { event: "inbox.itemChanged" },
    run: async ({ itemId }) => watch.note(itemId),
    stop: () => watch.stop(),
  };
}
