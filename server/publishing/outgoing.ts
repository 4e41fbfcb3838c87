import type { OutgoingPost } from "@server/channels/adapter.js";
import { renderText, type PublishingChannel } from "@server/channels/rules.js";
import type { Prisma } from "@server/db/client.js";
import { instagramRenditionKey, mediaKey, mediaUrl } from "@server/media/storage.js";
import { publicPostUrl } from "@server/channels/website.js";
import type { Services } from "@server/services.js";
import { fileStore } from "@server/storage/fileStore.js";

export const deliveryInclude = {
  channel: true,
  post: {
    include: { unit: { select: { path: true } }, media: { include: { media: true }, orderBy: { position: "asc" } } },
  },
} as const satisfies Prisma.DeliveryInclude;
export type DeliveryWithPost = Prisma.DeliveryGetPayload<{ include: typeof deliveryInclude }>;

/** The post as one channel carries it: its text rendered for that channel, its media as the platform fetches them. */
export function outgoingPost(services: Pick<Services, "config">, delivery: DeliveryWithPost): OutgoingPost {
  const { post, channel } = delivery;
  const kind = channel.kind as PublishingChannel;
  const store = fileStore(services.config);
  return {
    deliveryId: delivery.id,
    title: post.title,
    text: renderText(kind, {
      body: post.body,
      link: post.link,
      hashtags: post.hashtags,
      overrides: delivery.textOverride ? { [kind]: delivery.textOverride } : {},
      xLinkPlacement: post.xLinkPlacement,
    }),
    link: post.link,
    linkReply: kind === "x" && post.xLinkPlacement === "reply" && post.link ? post.link : null,
    media: post.media.map(({ media }) => {
      const key = kind === "instagram" && media.kind === "image" ? instagramRenditionKey(media) : media.storageKey;
      return {
        kind: media.kind,
        mimeType: key === media.storageKey ? media.mimeType : "image/jpeg",
        publicUrl: mediaUrl(services.config.publicBaseUrl, key),
        fileName: key,
        read: async () => {
          const bytes = await store.get(mediaKey(key));
          if (!bytes) throw new Error(`media file ${key} is missing from the store`);
          return bytes;
        },
        bytes: media.bytes,
        width: media.width,
        height: media.height,
      };
    }),
    websiteUrl: publicPostUrl(services, post.slug),
  };
}
