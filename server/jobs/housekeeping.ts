import { pruneUsedFormTokens } from "@server/auth/formTokens.js";
import { pruneRateLimitCounters } from "@server/auth/rateLimit.js";
import { pruneExpiredSessions } from "@server/auth/sessions.js";
import { pruneSignInRecords } from "@server/auth/signInThrottle.js";
import { pruneReadLedger } from "@server/channels/platformUsage.js";
import type { Services } from "@server/services.js";
import { pruneWebhookLog } from "@server/webhooks/events.js";
import type { ScheduledJob } from "./job.js";

/** Deletes what has expired: sessions, rate-limit windows, sign-in records, used form tokens, past days of X's read ledger, old webhook deliveries. Idempotent, so every process may run it. */
export const housekeeping = (services: Services): ScheduledJob => ({
  name: "housekeeping",
  trigger: { schedule: "17 * * * *" },
  run: async () => {
    await pruneExpiredSessions(services);
    await pruneRateLimitCounters(services.prisma, new Date(Date.now() - 24 * 3600_000));
    await pruneSignInRecords(services.prisma, services.config.login);
    await pruneUsedFormTokens(services.prisma);
    await pruneReadLedger(services.prisma);
    await pruneWebhookLog(services.prisma);
  },
});
