import { syncSertaMertaEntries } from "@server/commands/dipAutomation.js";
import type { Services } from "@server/services.js";
import type { EventJob, ScheduledJob } from "./job.js";

/**
 * An announcement marked serta-merta joins its unit's DIP as soon as it is public on the website
 * (its change event), and leaves it when withdrawn; a sweep every minute catches what an event
 * missed (a process that stopped in between). The unique post id on entries makes both safe.
 */
export function dipSertaMerta(services: Services): [EventJob<"post.changed">, ScheduledJob] {
  return [
    {
      name: "DIP serta-merta on publication",
      trigger: { event: "post.changed" },
      run: ({ postId }) => syncSertaMertaEntries(services, { postId }),
    },
    {
      name: "DIP serta-merta sweep",
      trigger: { schedule: "40 * * * * *" },
      run: () => syncSertaMertaEntries(services),
    },
  ];
}
