/**
 * Outgoing Meta webhooks: the verification handshake, Page `feed` and Instagram `comments`
 * change events signed with X-Hub-Signature-256, and retries with backoff when delivery fails.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 * https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
 * https://developers.facebook.com/docs/instagram-platform/webhooks
 * Like Meta, it sends a Page's events only to an app the Page is subscribed to
 * (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps), and Instagram
 * comments only when instagram_manage_comments has Advanced Access and the linked Page is subscribed
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-instagram/).
 */
import { createHmac, randomInt } from "node:crypto";
import { pageSubscribed } from "./graph/pageSubscriptions";
import type { FbPost, GraphComment, IgMedia, SandboxState } from "./state";
import { WHATSAPP_ACCOUNTS } from "./whatsapp/state";

export interface WebhookOptions {
  callbackUrl?: string;
  appSecret: string;
  verifyToken: string;
  /** Delivery attempts and the first backoff delay, doubled on every retry. */
  retry?: { attempts?: number; baseDelayMs?: number };
}

export interface WebhookDelivery {
  id: number;
  object: WebhookPayload["object"];
  body: string;
  /** withheld: Meta would not send it (see `withheldBecause`). */
  status: "pending" | "delivered" | "failed" | "withheld";
  withheldBecause?: string;
  attempts: { at: number; httpStatus?: number; error?: string }[];
}

type WebhookPayload = { object: "page" | "instagram" | "whatsapp_business_account"; entry: unknown[] };

export function signatureOf(body: string | Buffer, secret: string, algorithm: "sha256" | "sha1" = "sha256"): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest("hex")}`;
}

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private verifiedUrl?: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly state: SandboxState,
    private readonly options: WebhookOptions | undefined,
  ) {}

  get callbackUrl(): string | undefined {
    return this.options?.callbackUrl;
  }

  /** Points deliveries at a (new) callback URL; it is verified before the first delivery. */
  setCallbackUrl(callbackUrl: string): void {
    if (!this.options) throw new Error("The sandbox was started without webhook options (appSecret, verifyToken)");
    this.options.callbackUrl = callbackUrl;
    this.verifiedUrl = undefined;
  }

  /** The subscription handshake: GET with hub.mode, hub.verify_token and hub.challenge; the endpoint must echo the challenge. */
  async verify(): Promise<boolean> {
    const url = this.options?.callbackUrl;
    if (!url || !this.options) return false;
    const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
    const target = new URL(url);
    target.searchParams.set("hub.mode", "subscribe");
    target.searchParams.set("hub.verify_token", this.options.verifyToken);
    target.searchParams.set("hub.challenge", challenge);
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(5_000) });
      const ok = response.status === 200 && (await response.text()).trim() === challenge;
      this.verifiedUrl = ok ? url : undefined;
      return ok;
    } catch {
      return false;
    }
  }

  pageCommentAdded(comment: GraphComment, post: FbPost): void {
    const time = Math.floor(comment.createdTime / 1000);
    const withheld = pageSubscribed(this.state, post.pageId, "feed")
      ? undefined
      : "the Page is not subscribed to the app for feed (POST /{page-id}/subscribed_apps)";
    this.enqueue(withheld, {
      object: "page",
      entry: [
        {
          id: post.pageId,
          time,
          changes: [
            {
              field: "feed",
              value: {
                from: comment.from,
                post: { id: post.id, status_type: statusTypeOf(post), is_published: true },
                message: comment.message,
                post_id: post.id,
                comment_id: comment.id,
                created_time: time,
                item: "comment",
                // For a top-level comment Meta sets parent_id to the post id.
                parent_id: comment.parentId ?? post.id,
                verb: "add",
              },
            },
          ],
        },
      ],
    });
  }

  instagramCommentAdded(comment: GraphComment, media: IgMedia): void {
    const pageId = this.state.graph.igAccounts.get(media.igUserId)?.pageId ?? "";
    const withheld = !this.state.graph.advancedAccess.has("instagram_manage_comments")
      ? "instagram_manage_comments has Standard Access only; comment webhooks need Advanced Access"
      : !pageSubscribed(this.state, pageId)
        ? "the linked Page is not subscribed to the app (POST /{page-id}/subscribed_apps)"
        : undefined;
    this.enqueue(withheld, {
      object: "instagram",
      entry: [
        {
          id: media.igUserId,
          time: Math.floor(comment.createdTime / 1000),
          changes: [
            {
              field: "comments",
              value: {
                from: { id: comment.from.id, username: comment.from.username },
                media: { id: media.id, media_product_type: media.mediaProductType },
                id: comment.id,
                ...(comment.parentId ? { parent_id: comment.parentId } : {}),
                text: comment.message,
              },
            },
          ],
        },
      ],
    });
  }

  /**
   * A WhatsApp Business Account `messages` change: incoming messages or statuses of sent ones, with
   * the number's metadata, as in https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
   */
  whatsappChange(wabaId: string, value: Record<string, unknown>): void {
    this.enqueue(undefined, {
      object: "whatsapp_business_account",
      entry: [
        {
          id: wabaId,
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: {
                  display_phone_number: WHATSAPP_ACCOUNTS.displayPhoneNumber.replace(/\D/g, ""),
                  phone_number_id: WHATSAPP_ACCOUNTS.phoneNumberId,
                },
                ...value,
              },
            },
          ],
        },
      ],
    });
  }

  /** Resolves once every delivery started so far has succeeded or used up its retries. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private enqueue(withheldBecause: string | undefined, payload: WebhookPayload): void {
    if (!this.options?.callbackUrl) return;
    const delivery: WebhookDelivery = {
      id: this.deliveries.length + 1,
      object: payload.object,
      body: JSON.stringify(payload),
      status: withheldBecause ? "withheld" : "pending",
      ...(withheldBecause ? { withheldBecause } : {}),
      attempts: [],
    };
    this.deliveries.push(delivery);
    if (withheldBecause) return;
    const run = this.deliver(delivery).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const attempts = this.options?.retry?.attempts ?? 4;
    const baseDelayMs = this.options?.retry?.baseDelayMs ?? 1_000;
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
      const outcome = await this.attempt(delivery.body);
      delivery.attempts.push({ at: this.state.now(), ...outcome });
      if (outcome.httpStatus !== undefined && outcome.httpStatus >= 200 && outcome.httpStatus < 300) {
        delivery.status = "delivered";
        return;
      }
      if (attempt < attempts) await this.sleep(baseDelayMs * 2 ** (attempt - 1));
    }
    delivery.status = "failed";
  }

  private async attempt(body: string): Promise<{ httpStatus?: number; error?: string }> {
    const { callbackUrl, appSecret } = this.options!;
    if (this.verifiedUrl !== callbackUrl && !(await this.verify())) return { error: "callback verification failed" };
    try {
      const response = await fetch(callbackUrl!, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "facebookexternalua",
          "X-Hub-Signature": signatureOf(body, appSecret, "sha1"),
          "X-Hub-Signature-256": signatureOf(body, appSecret),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      return { httpStatus: response.status };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** The post's kind as the feed webhook names it (the Post node's status_type). */
function statusTypeOf(post: FbPost): string {
  if (post.videoId) return "added_video";
  return post.photos.length > 0 ? "added_photos" : "mobile_status_update";
}
