/**
 * What a Facebook or Instagram channel needs beyond a working token, kept on the channel so
 * admins see it: its Page subscribed to the app's webhooks, and the permissions granted. Made on
 * connect, undone on disable, checked again daily (commands/channelConnections.ts).
 */
import { recordAudit, type Origin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { Channel } from "@server/db/generated/client.js";
import type { Services } from "@server/services.js";
import { ChannelError } from "./adapter.js";
import { metaOAuthApp } from "./oauth/providers.js";
import { pageIdOf, subscribedFields, subscribePage, unsubscribePage } from "./pageSubscription.js";
import { grantedPermissions } from "./permissions.js";
import { targetOf } from "./target.js";

export const META_KINDS = ["facebook", "instagram"] as const;

type MetaChannel = Pick<
  Channel,
  "id" | "unitId" | "kind" | "externalId" | "settings" | "credentials" | "status" | "webhookStatus"
>;
type Want = "subscribed" | "unsubscribed" | "check";

const isMeta = (channel: Pick<Channel, "kind">) => (META_KINDS as readonly string[]).includes(channel.kind);
const reasonOf = (error: unknown) =>
  (error instanceof ChannelError ? error.message : error instanceof Error ? error.message : String(error)).slice(
    0,
    500,
  );

/**
 * Brings the Page subscription to what is wanted ("check": subscribed again if it went missing)
 * and reads the granted permissions; records both on the channel, and a change of subscription
 * status in the audit log. Never throws for a platform's refusal: that is what it records.
 */
export async function syncMetaConnection(
  services: Services,
  origin: Origin,
  channel: MetaChannel,
  want: Want,
  at = new Date(),
): Promise<void> {
  if (!isMeta(channel)) return;
  const target = targetOf(services, channel);
  const update: Prisma.ChannelUncheckedUpdateInput = { webhookCheckedAt: at };
  let pageId: string | undefined = (channel.settings as Record<string, string>).pageId;
  let permissions: string[] | null = null;
  try {
    pageId ??= await pageIdOf(target);
    permissions = await readPermissions(services, channel, pageId);
    if (want === "unsubscribed") {
      if (!(await pageStillUsed(services, channel, pageId))) await unsubscribePage(target, pageId);
      Object.assign(update, { webhookStatus: "unsubscribed", webhookFields: [], webhookError: null });
    } else {
      const app = metaOAuthApp(services);
      let fields = want === "check" ? await subscribedFields(target, pageId, app?.appId ?? null) : [];
      if (!fields.includes("feed")) fields = await subscribePage(target, pageId, permissions);
      Object.assign(update, { webhookStatus: "subscribed", webhookFields: fields, webhookError: null });
    }
  } catch (error) {
    Object.assign(update, { webhookStatus: "failed", webhookError: reasonOf(error) });
  }
  if (permissions) Object.assign(update, { grantedPermissions: permissions, permissionsCheckedAt: at });
  if (channel.kind === "instagram" && pageId)
    update.settings = { ...(channel.settings as Record<string, string>), pageId };
  await services.prisma.$transaction(async (tx) => {
    await tx.channel.update({ where: { id: channel.id }, data: update });
    if (update.webhookStatus !== channel.webhookStatus)
      await recordAudit(tx, origin, {
        action: "channel.webhooks",
        targetType: "Channel",
        targetId: channel.id,
        unitId: channel.unitId,
        changes: {
          webhookStatus: { from: channel.webhookStatus, to: update.webhookStatus },
          ...(update.webhookError ? { reason: update.webhookError } : {}),
        },
      });
  });
}

/** Another connected channel (a Page and its Instagram account share one) still needs the Page's webhooks. */
async function pageStillUsed(services: Services, channel: MetaChannel, pageId: string): Promise<boolean> {
  const others = await services.prisma.channel.findMany({
    where: { id: { not: channel.id }, status: "connected", kind: { in: [...META_KINDS] } },
    select: { kind: true, externalId: true, settings: true },
  });
  return others.some(
    (other) =>
      (other.kind === "facebook" && other.externalId === pageId) ||
      (other.settings as Record<string, string>).pageId === pageId,
  );
}

/** Permissions as Meta's debug_token names them, asked with the app's token; null without an app to ask with. */
async function readPermissions(
  services: Services,
  channel: MetaChannel,
  pageId: string | undefined,
): Promise<string[] | null> {
  const app = metaOAuthApp(services);
  if (!app) return null;
  try {
    return await grantedPermissions(app, targetOf(services, channel), [
      channel.externalId,
      ...(pageId ? [pageId] : []),
    ]);
  } catch {
    return null;
  }
}
