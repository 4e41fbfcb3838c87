/**
 * Connecting an account that came back from an OAuth flow. Signing in again is also how an
 * admin repairs a channel whose token expired or was revoked, so an account the unit already
 * has is reconnected with the new credentials instead of refused.
 */
import type { Origin } from "../../audit/record.js";
import { type ChannelInput, connectChannel, updateChannel } from "../../commands/channels.js";
import type { Channel } from "../../db/generated/client.js";
import { AppError } from "../../errors.js";
import type { Services } from "../../services.js";

export type ConnectedAccount = { channel: Channel; reconnected: boolean };

export async function connectOrReconnect(
  services: Services,
  origin: Origin,
  input: ChannelInput & { externalId: string },
): Promise<ConnectedAccount> {
  const key = { unitId_kind_externalId: { unitId: input.unitId, kind: input.kind, externalId: input.externalId } };
  const existing = await services.prisma.channel.findUnique({ where: key });
  if (!existing) {
    try {
      return { channel: await connectChannel(services, { origin, channel: input }), reconnected: false };
    } catch (error) {
      // Connected meanwhile by another request: fall through to reconnecting it.
      if (!(error instanceof AppError && error.code === "channel_already_connected")) throw error;
    }
  }
  const channel = existing ?? (await services.prisma.channel.findUniqueOrThrow({ where: key }));
  const settings = { ...(channel.settings as Record<string, string>), ...input.settings };
  return {
    channel: await updateChannel(services, {
      origin,
      channelId: channel.id,
      changes: { credentials: input.credentials, settings },
    }),
    reconnected: true,
  };
}
