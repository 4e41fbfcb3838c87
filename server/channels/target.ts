import type { Channel } from "@server/db/generated/client.js";
import type { ChannelKind } from "@server/db/generated/enums.js";
import type { Services } from "@server/services.js";
import { ChannelError, type ChannelTarget } from "./adapter.js";

const GRAPH_KINDS: ReadonlySet<ChannelKind> = new Set(["facebook", "instagram", "whatsapp"]);

/** A channel's stored settings with what configuration decides for every channel of its kind (the Graph API version). */
export function settingsFor(
  services: Pick<Services, "config">,
  kind: ChannelKind,
  settings: unknown,
): Record<string, string> {
  const stored = (settings ?? {}) as Record<string, string>;
  return GRAPH_KINDS.has(kind) ? { ...stored, apiVersion: services.config.graphApiVersion } : stored;
}

/** What an adapter needs, with the credentials decrypted; only the publishing path calls this. */
export function targetOf(
  services: Pick<Services, "secretBox" | "config">,
  channel: Pick<Channel, "kind" | "externalId" | "settings" | "credentials">,
): ChannelTarget {
  return {
    kind: channel.kind,
    externalId: channel.externalId,
    settings: settingsFor(services, channel.kind, channel.settings),
    credentials: channel.credentials ? openCredentials(services, channel.credentials) : {},
  };
}

/**
 * Credentials sealed under another SIAR_ENCRYPTION_KEY (a lost or replaced key, a restored dump)
 * cannot be read: the channel has to be connected again, which is what the error says.
 */
function openCredentials(services: Pick<Services, "secretBox">, sealed: string): Record<string, string> {
  try {
    return JSON.parse(services.secretBox.open(sealed)) as Record<string, string>;
  } catch {
    throw new ChannelError(
      "reconnect",
      "siar:unreadable_credentials",
      "The stored credentials cannot be decrypted with this encryption key; connect the account again",
    );
  }
}
