import type { Services } from "@server/services.js";
import type { ChannelAdapter } from "./adapter.js";

export function announcementPath(slug: string): string {
  return `/pengumuman/${encodeURIComponent(slug)}`;
}

export function publicPostUrl(services: Pick<Services, "config">, slug: string): string {
  return services.config.publicBaseUrl + announcementPath(slug);
}

/**
 * Siar's own public website. Publishing records the delivery; the site then shows every post
 * with a published website delivery (server/routes/public). Nothing leaves the server, so
 * repeating a publish is harmless and there is nothing remote to find after a crash.
 */
export const websiteAdapter: ChannelAdapter = {
  kind: "website",
  verify: async (target) => ({ name: target.settings.name ?? "Website", externalId: target.externalId }),
  publish: async (_target, post) => ({ remoteId: post.deliveryId, remoteUrl: post.websiteUrl }),
  findPublished: async () => null,
  remove: async () => {},
  update: async () => {},
};
