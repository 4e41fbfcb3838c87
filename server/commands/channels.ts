import { recordAudit, type Origin } from "@server/audit/record.js";
import { ChannelError, type ChannelTarget } from "@server/channels/adapter.js";
import { adapterFor } from "@server/channels/index.js";
import { syncMetaConnection } from "@server/channels/metaConnection.js";
import { settingsFor } from "@server/channels/target.js";
import { isSafeSiteAddress } from "@server/channels/wordpress.js";
import type { Channel, Prisma } from "@server/db/generated/client.js";
import type { ChannelKind } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { BUDGET_EXHAUSTED } from "@server/inbox/polling.js";
import type { Services } from "@server/services.js";
import { isUniqueViolation } from "@server/db/errors.js";

export type ChannelInput = {
  unitId: string;
  kind: ChannelKind;
  name?: string;
  externalId?: string;
  credentials: Record<string, string>;
  settings?: Record<string, string>;
  simulated?: boolean;
  /** The admin confirmed connecting an account another unit already has (see channel_connected_elsewhere). */
  shareAccount?: boolean;
};

async function verified(services: Services, target: ChannelTarget) {
  try {
    return await adapterFor(target.kind).verify({
      ...target,
      settings: settingsFor(services, target.kind, target.settings),
    });
  } catch (error) {
    if (error instanceof ChannelError)
      throw new AppError("channel_verification_failed", { reason: error.message, code: error.code });
    throw error;
  }
}

/** Connects an account after the platform has confirmed the credentials; they are stored sealed. */
/** A WordPress site is reached over https (see isSafeSiteAddress); refused before anything is sent to it. */
function assertSafeAddress(kind: ChannelKind, settings: Record<string, string>): void {
  if (kind === "wordpress" && settings.baseUrl !== undefined && !isSafeSiteAddress(settings.baseUrl))
    throw new AppError("https_required", { field: "baseUrl" });
}

export async function connectChannel(
  services: Services,
  { origin, channel: input }: { origin: Origin; channel: ChannelInput },
): Promise<Channel> {
  const settings = input.settings ?? {};
  assertSafeAddress(input.kind, settings);
  // Known before asking the platform (a Page or Instagram id): said at once, without a platform call.
  if (input.externalId && !input.shareAccount)
    await assertNotConnectedElsewhere(services.prisma, { ...input, externalId: input.externalId });
  const account = await verified(services, {
    kind: input.kind,
    externalId: input.externalId ?? "",
    settings,
    credentials: input.credentials,
  });
  let channel: Channel;
  try {
    channel = await services.prisma.$transaction(async (tx) => {
      if (!input.shareAccount)
        await assertNotConnectedElsewhere(tx, {
          unitId: input.unitId,
          kind: input.kind,
          externalId: account.externalId,
        });
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
  // Subscribing the Page and reading the permissions talk to Meta: after the commit, and a refusal is recorded, not thrown.
  await syncMetaConnection(services, origin, channel, "subscribed");
  return channel;
}

/**
 * An account another unit has is connected again only when the admin confirms it: units below
 * that unit publish through its channel already, and a second channel files its comments and
 * messages for both units.
 */
async function assertNotConnectedElsewhere(
  tx: Prisma.TransactionClient | Services["prisma"],
  account: { unitId: string; kind: ChannelKind; externalId: string },
): Promise<void> {
  const elsewhere = await tx.channel.findFirst({
    where: { kind: account.kind, externalId: account.externalId, unitId: { not: account.unitId } },
    select: { id: true, unit: { select: { id: true, name: true } } },
  });
  if (elsewhere)
    throw new AppError("channel_connected_elsewhere", {
      field: "externalId",
      unit: elsewhere.unit.name,
      unitId: elsewhere.unit.id,
      channelId: elsewhere.id,
    });
}

/** The units other than `unitId` that already have these accounts as channels, by kind and platform id. */
export async function accountsConnectedElsewhere(
  services: Services,
  unitId: string,
  accounts: { kind: ChannelKind; externalId: string }[],
): Promise<Map<string, string>> {
  if (accounts.length === 0) return new Map();
  const channels = await services.prisma.channel.findMany({
    where: { unitId: { not: unitId }, OR: accounts.map(({ kind, externalId }) => ({ kind, externalId })) },
    select: { kind: true, externalId: true, unit: { select: { name: true } } },
  });
  return new Map(channels.map((channel) => [`${channel.kind}:${channel.externalId}`, channel.unit.name]));
}

export type ChannelChanges = {
  name?: string;
  credentials?: Record<string, string>;
  settings?: Record<string, string>;
  status?: "connected" | "disabled";
  monthlyRequestBudget?: number | null;
  /** US cents. */
  monthlySpendBudgetCents?: number | null;
};

/** Renames, disables/enables, or reconnects with new credentials (verified first). */
export async function updateChannel(
  services: Services,
  { origin, channelId: id, changes: input }: { origin: Origin; channelId: string; changes: ChannelChanges },
): Promise<Channel> {
  const channel = await services.prisma.channel.findUnique({ where: { id } });
  if (!channel) throw new AppError("not_found");
  const settings = input.settings ?? (channel.settings as Record<string, string>);
  if (input.settings) assertSafeAddress(channel.kind, settings);
  const reconnecting = input.credentials !== undefined;
  if (reconnecting)
    await verified(services, {
      kind: channel.kind,
      externalId: channel.externalId,
      settings,
      credentials: input.credentials!,
    });
  const updated = await services.prisma.$transaction(async (tx) => {
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
        monthlySpendBudgetCents: input.monthlySpendBudgetCents,
      },
    });
    const requestBudgetChanged =
      input.monthlyRequestBudget !== undefined && input.monthlyRequestBudget !== channel.monthlyRequestBudget;
    const spendBudgetChanged =
      input.monthlySpendBudgetCents !== undefined && input.monthlySpendBudgetCents !== channel.monthlySpendBudgetCents;
    const budgetChanged = requestBudgetChanged || spendBudgetChanged;
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
        monthlyRequestBudget: requestBudgetChanged
          ? { from: channel.monthlyRequestBudget, to: input.monthlyRequestBudget }
          : undefined,
        monthlySpendBudgetCents: spendBudgetChanged
          ? { from: channel.monthlySpendBudgetCents, to: input.monthlySpendBudgetCents }
          : undefined,
      },
    });
    return updated;
  });
  // Back in use: its Page is subscribed again; disabled: the Page stops sending its webhooks.
  if (updated.status !== channel.status || reconnecting)
    await syncMetaConnection(services, origin, updated, updated.status === "disabled" ? "unsubscribed" : "subscribed");
  return updated;
}

/**
 * Connects an account that came back from an OAuth flow. Signing in again is also how an
 * admin repairs a channel whose token expired or was revoked, so an account the unit already
 * has is reconnected with the new credentials instead of refused.
 */
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
