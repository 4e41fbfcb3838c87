import type { Channel } from "../db/generated/client.js";
import type { Services } from "../services.js";
import type { ChannelTarget } from "./adapter.js";

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
