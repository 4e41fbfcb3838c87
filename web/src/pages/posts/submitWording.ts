import type { MessageKey } from "@web/i18n";

/**
 * What submitting a draft does, in words: an officer's post (or one of a unit that asks for it) goes
 * to a leader; anyone else's is scheduled, or published at once when it has no time set.
 */
export function submitLabelKey(needsApproval: boolean, scheduled: boolean): MessageKey {
  if (needsApproval) return "compose.submit";
  return scheduled ? "compose.schedulePost" : "compose.publishNow";
}
