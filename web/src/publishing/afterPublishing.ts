// What each platform allows once a post is out, as the server's channel adapters implement it
// (server/channels/<kind>.ts: `update` and `remove`); the answer's outcomes stay the final word.
import type { ChannelKind, Delivery, Post } from "@web/api/types";

export const CAN_EDIT_AFTER_PUBLISHING: Record<ChannelKind, boolean> = {
  website: true,
  facebook: true,
  wordpress: true,
  x: false,
  instagram: false,
  email: false,
  // An inbox only: nothing is published there.
  whatsapp: false,
};

export const CAN_REMOVE_AFTER_PUBLISHING: Record<ChannelKind, boolean> = {
  website: true,
  facebook: true,
  wordpress: true,
  x: true,
  instagram: false,
  email: false,
  whatsapp: false,
};

/** Only deliveries that are live on their platform are corrected or taken down. */
export function liveDeliveries(post: Post): Delivery[] {
  return post.deliveries.filter((delivery) => delivery.status === "published");
}
