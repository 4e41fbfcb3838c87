import { guideRecentWhatsAppItems, guideWhatsAppItems } from "@server/inbox/whatsappGuide.js";
import type { Services } from "@server/services.js";
import type { EventJob, ScheduledJob } from "./job.js";

/**
 * The guided WhatsApp exchange: at once when a webhook batch filed citizens' messages, and a
 * sweep for the recent ones a process left (it died or restarted before sending).
 */
export function whatsappGuide(services: Services): [EventJob<"inbox.whatsappFiled">, ScheduledJob] {
  return [
    {
      name: "WhatsApp guide",
      trigger: { event: "inbox.whatsappFiled" },
      run: ({ itemIds }) => guideWhatsAppItems(services, itemIds),
    },
    {
      name: "WhatsApp guide sweep",
      trigger: { schedule: "*/30 * * * * *" },
      run: () => guideRecentWhatsAppItems(services),
    },
  ];
}
