/**
 * The demo organisation's first month: so that a newcomer's inbox, calendar, dashboard and public
 * site are not empty. Made once per database, when SIAR_DEMO_MONTH allows (on in demo mode, off
 * in tests unless asked for): the audit log, which nothing deletes, remembers that it was made,
 * so removing it (commands/demoData.ts) is for good. From a fixed seed, relative to the start time.
 */
import { recordAudit } from "@server/audit/record.js";
import { ArrivalDesk } from "@server/inbox/arrival.js";
import { createRandom } from "@server/sandbox/random.js";
import type { Services } from "@server/services.js";
import { seedDemoInbox } from "./inboxMonth.js";
import { seedDemoPosts } from "./postsMonth.js";

const SEED = 2026;
const ITEMS_PER_DAY = 12;
const MADE = "demo_data.seed";

/** Makes the month unless it was made before in this database; returns what it made, or null. */
export async function seedDemoMonth(
  services: Services,
  now = new Date(),
): Promise<{ items: number; posts: number } | null> {
  const { prisma } = services;
  if (await prisma.auditEvent.findFirst({ where: { action: MADE }, select: { id: true } })) return null;
  const random = createRandom(SEED);
  const posts = await seedDemoPosts(services, { random, now });
  const items = await seedDemoInbox(services, { desk: new ArrivalDesk(services), random, now, perDay: ITEMS_PER_DAY });
  await recordAudit(
    prisma,
    { actor: null, label: "system (demo)" },
    { action: MADE, targetType: "DemoData", targetId: "demo", changes: { inboxItems: items, posts } },
  );
  return { items, posts };
}
