import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { Services } from "@server/services.js";

/** How much made-up demo data there is. */
export type DemoDataCounts = { inboxItems: number; posts: number };

export async function countDemoData(services: Services): Promise<DemoDataCounts> {
  const [inboxItems, posts] = await Promise.all([
    services.prisma.inboxItem.count({ where: { demo: true } }),
    services.prisma.post.count({ where: { demo: true } }),
  ]);
  return { inboxItems, posts };
}

/**
 * Removes the demo's month of posts and inbox items in one transaction: the items with their
 * timelines and alerts, their conversations, the posts with their deliveries and engagement.
 * Nothing staff or citizens made is touched. Returns what was removed.
 */
export async function removeDemoData(
  services: Services,
  { origin }: { origin: ActingOrigin },
): Promise<DemoDataCounts> {
  const { counts, postIds } = await services.prisma.$transaction(async (tx) => {
    const items = await tx.inboxItem.deleteMany({ where: { demo: true } });
    // The demo's conversations are its own ("demo-…" threads); one a citizen has since joined stays.
    await tx.conversation.deleteMany({ where: { threadKey: { startsWith: "demo-" }, items: { none: {} } } });
    const postIds = (await tx.post.findMany({ where: { demo: true }, select: { id: true } })).map((post) => post.id);
    const posts = await tx.post.deleteMany({ where: { id: { in: postIds } } });
    const counts = { inboxItems: items.count, posts: posts.count };
    await recordAudit(tx, origin, {
      action: "demo_data.remove",
      targetType: "DemoData",
      targetId: "demo",
      unitId: null,
      changes: counts,
    });
    return { counts, postIds };
  });
  // The public site (its page cache, on every process) stops showing the removed announcements.
  for (const postId of postIds) services.events.emit("post.changed", { postId });
  return counts;
}
