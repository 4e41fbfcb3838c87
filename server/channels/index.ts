import type { ChannelKind } from "@server/db/generated/enums.js";
import type { ChannelAdapter } from "./adapter.js";
import { emailAdapter } from "./email.js";
import { facebookAdapter } from "./facebook.js";
import { instagramAdapter } from "./instagram.js";
import { websiteAdapter } from "./website.js";
import { whatsappAdapter } from "./whatsapp.js";
import { wordpressAdapter } from "./wordpress.js";
import { xAdapter } from "./x.js";

export { ChannelError } from "./adapter.js";
export type { ChannelAdapter, ChannelTarget, FailureKind, OutgoingMedia, OutgoingPost, RemotePost } from "./adapter.js";
export type { FacebookCredentials, FacebookSettings } from "./facebook.js";
export type { InstagramCredentials, InstagramSettings } from "./instagram.js";
export type { WhatsAppCredentials, WhatsAppSettings } from "./whatsapp.js";
export type { WordPressCredentials, WordPressSettings } from "./wordpress.js";
export type { XCredentials, XSettings } from "./x.js";

const ADAPTERS: Record<ChannelKind, ChannelAdapter> = {
  website: websiteAdapter,
  facebook: facebookAdapter,
  instagram: instagramAdapter,
  x: xAdapter,
  wordpress: wordpressAdapter,
  email: emailAdapter,
  whatsapp: whatsappAdapter,
};

/** The adapter that publishes to one kind of channel. */
export function adapterFor(kind: ChannelKind): ChannelAdapter {
  return ADAPTERS[kind];
}
