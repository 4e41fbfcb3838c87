import { recordAudit, type Origin } from "../audit/record.js";
import { ChannelError, type ChannelTarget } from "../channels/adapter.js";
import { adapterFor } from "../channels/index.js";
import type { Channel } from "../db/generated/client.js";
import type { ChannelKind } from "../db/generated/enums.js";
import { AppError } from "../errors.js";
import { BUDGET_EXHAUSTED } from "../inbox/polling.js";
import type { Services } from "../services.js";
import { isUniqueViolation } from "./prismaErrors.js";

export type ChannelInput = {
  unitId: string;
  kind: ChannelKind;
  name?: string;
  externalId?: string;
  credentials: Record<string, string>;
  settings?: Record<string, string>;
  simulated?: boolean;
};

/** What an adapter needs, with the credentials decrypted; only the publishing path calls this. */
export function targetOf(
  services: Pick<Services, "secretBox">,
  channel: Pick<Channel, "kind" | "externalId" | "settings" | "credentials">,
): ChannelTarget {
  return {
    kind: channel.kind,
    externalId: channel.externalId,
    settings: (channel.settings ?? {}) as Record<string, string>,
    credentials: channel.credentials
      ? (JSON.parse(services.secretBox.open(channel.credentials)) as Record<string, string>)
      : {},
  };
}

async function verified(target: ChannelTarget) {
  try {
    return await adapterFor(target.kind).verify(target);
  } catch (error) {
    if (error instanceof ChannelError)
      throw new AppError("channel_verification_failed", { reason: error.message, code: error.code });
    throw error;
  }
}

/** Connects an account after the platform has confirmed the credentials; they are stored sealed. */
export async function connectChannel(
  services: Services,
  { origin, channel: input }: { origin: Origin; channel: ChannelInput },
): Promise<Channel> {
  const settings = input.settings ?? {};
  const account = await verified({
    kind: input.kind,
    externalId: input.externalId ?? "",
    settings,
    credentials: input.credentials,
  });
  try {
    return await services.prisma.$transaction(async (tx) => {
      const channel = await tx.channel.create({
        data: {
          unitId: input.unitId,
          kind: input.kind,
          name: input.name || account.name,
          externalId: account.externalId,
          credentials: services.secretBox.seal(JSON.stringify(input.credentials)),
          settings,
          simulated: input.simulated ?? false,
        },
      });
      // Credentials are never written to the audit log, only that they were set.
      await recordAudit(tx, origin, {
        action: "channel.connect",
        targetType: "Channel",
        targetId: channel.id,
        unitId: channel.unitId,
        changes: {
          kind: channel.kind,
          name: channel.name,
          externalId: channel.externalId,
          settings,
          simulated: channel.simulated,
        },
      });
      return channel;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("channel_already_connected", { field: "externalId" });
    throw error;
  }
}

export type ChannelChanges = {
  name?: string;
  credentials?: Record<string, string>;
  settings?: Record<string, string>;
  status?: "connected" | "disabled";
  monthlyRequestBudget?: number | null;
};

/** Renames, disables/enables, or reconnects with new credentials (verified first). */
export async function updateChannel(
  services: Services,
  { origin, channelId: id, changes: input }: { origin: Origin; channelId: string; changes: ChannelChanges },
): Promise<Channel> {
  const channel = await services.prisma.channel.findUnique({ where: { id } });
  if (!channel) throw new AppError("not_found");
  const settings = input.settings ?? (channel.settings as Record<string, string>);
  const reconnecting = input.credentials !== undefined;
  if (reconnecting)
    await verified({ kind: channel.kind, externalId: channel.externalId, settings, credentials: input.credentials! });
  return services.prisma.$transaction(async (tx) => {
    const status = reconnecting ? "connected" : (input.status ?? channel.status);
    const updated = await tx.channel.update({
      where: { id },
      data: {
        name: input.name,
        settings,
        credentials: reconnecting ? services.secretBox.seal(JSON.stringify(input.credentials)) : undefined,
        status,
        statusReason: status === channel.status && !reconnecting ? channel.statusReason : null,
        statusChangedAt: status === channel.status ? undefined : new Date(),
        monthlyRequestBudget: input.monthlyRequestBudget,
      },
    });
    const budgetChanged =
      input.monthlyRequestBudget !== undefined && input.monthlyRequestBudget !== channel.monthlyRequestBudget;
    // Polls stopped for a used-up budget look again at once under the new one.
    if (budgetChanged)
      await tx.channelPoll.updateMany({
        where: { channelId: id, lastError: BUDGET_EXHAUSTED },
        data: { nextPollAt: new Date() },
      });
    await recordAudit(tx, origin, {
      action: reconnecting ? "channel.reconnect" : "channel.update",
      targetType: "Channel",
      targetId: id,
      unitId: channel.unitId,
      changes: {
        name: input.name,
        status: status !== channel.status ? { from: channel.status, to: status } : undefined,
        settings: input.settings,
        monthlyRequestBudget: budgetChanged
          ? { from: channel.monthlyRequestBudget, to: input.monthlyRequestBudget }
          : undefined,
      },
    });
    return updated;
  });
}

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
