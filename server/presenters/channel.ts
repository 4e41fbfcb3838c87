import { META_PERMISSIONS, requiredPermissions } from "@server/channels/permissions.js";
import type { SpendState } from "@server/channels/platformUsage.js";
import { dollarsOf } from "./platformPrice.js";
import type { Channel } from "@server/db/generated/client.js";
import type { Locale } from "@server/i18n/locale.js";
import { unreachableFromInternet } from "@server/media/publicReach.js";

const UNREACHABLE_MEDIA = {
  id: "Instagram mengambil gambar dari PUBLIC_BASE_URL, tetapi alamat itu tidak dapat dijangkau dari internet. Atur PUBLIC_BASE_URL ke alamat publik Siar (https).",
  en: "Instagram fetches images from PUBLIC_BASE_URL, but that address cannot be reached from the internet. Set PUBLIC_BASE_URL to Siar's public (https) address.",
};

const NOT_HTTPS = {
  id: "PUBLIC_BASE_URL memakai http://. Meta hanya mengirim webhook dan mengambil gambar lewat HTTPS dengan sertifikat sah: pasang Siar di balik reverse proxy TLS dan atur PUBLIC_BASE_URL ke alamat https-nya.",
  en: "PUBLIC_BASE_URL uses http://. Meta sends webhooks and fetches images only over HTTPS with a valid certificate: put Siar behind a TLS reverse proxy and set PUBLIC_BASE_URL to its https address.",
};

/** A channel as staff see it: never its credentials; with a warning when it cannot work as configured. */
export function presentChannel(
  channel: Channel & { unit: { id: string; name: string } },
  context: {
    publicBaseUrl: string;
    locale: Locale;
    /** X: the month's estimated spend against the money budget (see presenters/channelUsage.ts). */
    spend?: { spentMicros: number; budgetMicros: number | null; state: SpendState };
  },
) {
  const realMeta = !channel.simulated && (channel.kind === "instagram" || channel.kind === "facebook");
  const mediaUnreachable = realMeta && unreachableFromInternet(context.publicBaseUrl);
  const notHttps = realMeta && context.publicBaseUrl.startsWith("http://");
  return {
    id: channel.id,
    unit: { id: channel.unit.id, name: channel.unit.name },
    kind: channel.kind,
    name: channel.name,
    externalId: channel.externalId,
    status: channel.status,
    statusReason: channel.statusReason,
    simulated: channel.simulated,
    warning: mediaUnreachable
      ? { code: "public_base_url_unreachable", message: UNREACHABLE_MEDIA[context.locale] }
      : notHttps
        ? { code: "public_base_url_not_https", message: NOT_HTTPS[context.locale] }
        : null,
    webhooks: isMetaChannel(channel)
      ? {
          status: channel.webhookStatus,
          fields: channel.webhookFields,
          error: channel.webhookError,
          checkedAt: channel.webhookCheckedAt?.toISOString() ?? null,
        }
      : null,
    permissions: isMetaChannel(channel) ? permissionsOf(channel, context.locale) : null,
    spend: context.spend
      ? {
          currency: "USD" as const,
          spent: dollarsOf(context.spend.spentMicros),
          budget: context.spend.budgetMicros === null ? null : dollarsOf(context.spend.budgetMicros),
          state: context.spend.state,
        }
      : null,
    createdAt: channel.createdAt.toISOString(),
  };
}

const isMetaChannel = (channel: Pick<Channel, "kind">) => channel.kind === "facebook" || channel.kind === "instagram";

/** The permissions the channel needs and the token lacks, each with what stops working, in the reader's language. */
function permissionsOf(channel: Channel, locale: Locale) {
  const checkedAt = channel.permissionsCheckedAt?.toISOString() ?? null;
  const granted = new Set(channel.grantedPermissions);
  const missing = checkedAt
    ? requiredPermissions(channel.kind)
        .filter((permission) => !granted.has(permission))
        .map((permission) => ({ permission, use: META_PERMISSIONS[permission]!.use[locale] }))
    : [];
  return { checkedAt, missing };
}
