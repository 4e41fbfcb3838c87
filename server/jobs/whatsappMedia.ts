import { fetchWhatsAppMedia } from "@server/inbox/whatsappMedia.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** Citizens' WhatsApp photos, voice notes, videos and documents are brought into Siar's storage every minute, claimed in the database. */
export const whatsappMedia = (services: Services): ScheduledJob => ({
  name: "WhatsApp media",
  trigger: { schedule: "* * * * *", timezone: "Asia/Jakarta" },
  run: async () => {
    while ((await fetchWhatsAppMedia(services)) > 0);
  },
});
