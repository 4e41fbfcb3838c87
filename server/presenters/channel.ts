import type { Channel } from "../db/generated/client.js";

/** A channel as staff see it: never its credentials. */
export function presentChannel(channel: Channel & { unit: { id: string; name: string } }) {
  return {
    id: channel.id,
    unit: { id: channel.unit.id, name: channel.unit.name },
    kind: channel.kind,
    name: channel.name,
    externalId: channel.externalId,
    status: channel.status,
    statusReason: channel.statusReason,
    simulated: channel.simulated,
    createdAt: channel.createdAt.toISOString(),
  };
}
