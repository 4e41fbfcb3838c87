import { recordAudit } from "@server/audit/record.js";
import type { Services } from "@server/services.js";

// Workers (publishing, polling, engagement, replies) find out that a platform refused a token;
// this is the one place a channel's connection status changes without a person acting.

/** The platform refused the token (expired or revoked): stop using it until an admin reconnects. */
export async function markChannelNeedsReconnect(services: Services, channelId: string, reason: string): Promise<void> {
  const changed = await services.prisma.$transaction(async (tx) => {
    const { count } = await tx.channel.updateMany({
      where: { id: channelId, status: "connected" },
      data: { status: "needs_reconnect", statusReason: reason, statusChangedAt: new Date() },
    });
    if (count)
      await recordAudit(
        tx,
        { actor: null, label: "system (publishing)" },
        { action: "channel.needs_reconnect", targetType: "Channel", targetId: channelId, changes: { reason } },
      );
    return count > 0;
  });
  if (changed) services.events.emit("channel.needsReconnect", { channelId, reason });
}
