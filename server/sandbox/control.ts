/**
 * Driving the sandbox: inject citizen activity, inject faults and rate-limit exhaustion, read what
 * was published, move the clock, reset. `SandboxControl` is the programmatic handle; the control
 * router exposes the same operations over HTTP at /_sandbox/* behind a bearer token.
 */
import { timingSafeEqual } from "node:crypto";
import { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import type { CitizenText } from "./citizenText";
import type { FaultInjector, faultSpecSchema } from "./faults";
import { addFacebookComment, addPageMessage, conversationWith, isLive } from "./graph/facebook";
import { addInstagramComment, containerStatus } from "./graph/instagram";
import type { GraphRateLimitCode, GraphUsage } from "./graph/usage";
import { growEngagement, hasEngageablePost, setEngagement } from "./engagement";
import { parseBody } from "./http";
import { MetaAppControl, metaAppControlRoutes } from "./metaAppControl";
import {
  DEFAULT_ACCOUNTS,
  type Engagement,
  type GraphComment,
  type PageMessage,
  type SandboxState,
  type Tweet,
  type XUser,
} from "./state";
import type { WebhookDispatcher } from "./webhooks";
import { WhatsAppControl, whatsappControlRoutes } from "./whatsapp/control";
import type { WhatsAppSandbox } from "./whatsapp/state";
import type { XBilling } from "./x/billing";
import type { XEndpointLimit, XRateLimiter } from "./x/rateLimits";
import { addTweet } from "./x/tweets";

/** A control request that cannot be carried out, answered with this HTTP status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const injectSchema = z.object({
  /** How many generated citizen texts to inject (ignored when `texts` is given). */
  count: z.number().int().min(1).max(10_000).default(1),
  /** Explicit texts, one item each. */
  texts: z.array(z.string().min(1)).optional(),
});
const facebookCommentsSchema = injectSchema.extend({ postId: z.string().optional(), parentId: z.string().optional() });
const instagramCommentsSchema = injectSchema.extend({ mediaId: z.string().optional() });
const mentionsSchema = injectSchema.extend({ inReplyToTweetId: z.string().optional() });
const messagesSchema = injectSchema.extend({ senderId: z.string().optional() });
const count = z.number().int().min(0);
const engagementSchema = z
  .strictObject({
    likes: count,
    comments: count,
    shares: count,
    quotes: count,
    views: count,
    reach: count,
    saves: count,
    bookmarks: count,
  })
  .partial();
const exhaustSchema = z.discriminatedUnion("platform", [
  z.object({ platform: z.literal("x"), endpoint: z.string() }),
  z.object({
    platform: z.literal("graph"),
    code: z.union([z.literal(4), z.literal(17), z.literal(32), z.literal(613)]),
  }),
]);

export type InjectOptions = z.input<typeof injectSchema>;

export interface SandboxServices {
  state: SandboxState;
  faults: FaultInjector;
  graphUsage: GraphUsage;
  xLimiter: XRateLimiter;
  xBilling: XBilling;
  webhooks: WebhookDispatcher;
  whatsapp: WhatsAppSandbox;
}

export class SandboxControl {
  /** The Meta app's configuration, Advanced Access, Page subscriptions, scoped tokens, withdrawn metrics. */
  readonly metaApp: MetaAppControl;
  /** The WhatsApp number: citizens writing in, what the office sent, throughput. */
  readonly whatsapp: WhatsAppControl;

  constructor(private readonly services: SandboxServices) {
    this.metaApp = new MetaAppControl(services.state);
    this.whatsapp = new WhatsAppControl(services.state, services.whatsapp, services.webhooks);
  }

  private get state(): SandboxState {
    return this.services.state;
  }

  /** Everything the client under test has published, per platform. */
  published() {
    const { state } = this;
    const now = state.now();
    const ourXUsers = new Set<string>([DEFAULT_ACCOUNTS.xUser.id]);
    return {
      facebook: {
        posts: [...state.graph.posts.values()].map((p) => ({
          id: p.id,
          message: p.message,
          link: p.link,
          photoUrls: p.photos.map((photo) => photo.url),
          published: isLive(p, now),
          scheduledPublishTime: p.scheduledPublishTime,
          createdTime: new Date(p.createdTime).toISOString(),
        })),
        /** Page videos, each also in `posts` as {page-id}_{video-id} with the description as its message. */
        videos: [...state.graph.videos.values()].map((v) => ({
          id: v.id,
          postId: v.postId,
          title: v.title,
          description: state.graph.posts.get(v.postId)?.message,
          fileUrl: v.fileUrl,
          contentType: v.contentType,
          bytes: v.bytes,
          createdTime: new Date(v.createdTime).toISOString(),
        })),
      },
      instagram: {
        media: [...state.graph.igMedia.values()].map((m) => ({
          id: m.id,
          caption: m.caption,
          mediaType: m.mediaType,
          mediaUrl: m.mediaUrl,
          permalink: `https://www.instagram.com/p/${m.shortcode}/`,
          timestamp: new Date(m.timestamp).toISOString(),
        })),
        containers: [...state.graph.igContainers.values()].map((c) => ({
          id: c.id,
          mediaUrl: c.mediaUrl,
          status: containerStatus(state, c).code,
        })),
      },
      x: {
        tweets: [...state.x.tweets.values()]
          .filter((t) => ourXUsers.has(t.authorId) && !t.deleted)
          .map((t) => ({
            id: t.id,
            text: t.text,
            inReplyToTweetId: t.inReplyToTweetId,
            mediaKeys: t.mediaKeys,
            createdAt: new Date(t.createdAt).toISOString(),
          })),
      },
      wordpress: {
        posts: [...state.wordpress.posts.values()].map((p) => ({
          id: p.id,
          title: p.title,
          status: p.status,
          featuredMedia: p.featuredMedia,
          dateGmt: new Date(p.dateGmt).toISOString(),
        })),
        media: [...state.wordpress.media.values()].map((m) => ({
          id: m.id,
          filename: m.filename,
          mimeType: m.mimeType,
          bytes: m.data.length,
        })),
      },
    };
  }

  /** Citizen comments on a Page post (the latest live one by default), also sent as `feed` webhooks. */
  injectFacebookComments(options: z.input<typeof facebookCommentsSchema> = {}): GraphComment[] {
    const { postId, parentId, ...inject } = facebookCommentsSchema.parse(options);
    const { state } = this;
    const post = postId
      ? state.graph.posts.get(postId)
      : [...state.graph.posts.values()].filter((p) => isLive(p, state.now())).at(-1);
    if (!post)
      throw new ControlError(
        postId ? 404 : 409,
        postId ? `No Facebook post ${postId}` : "No Facebook post to comment on yet",
      );
    if (parentId && state.graph.comments.get(parentId)?.objectId !== post.id)
      throw new ControlError(404, `No comment ${parentId} on post ${post.id}`);
    return this.citizenTexts(inject, "comment").map((citizen) => {
      const from = { id: state.nextId("fbUser", 7100000000000000n), name: citizen.author.name };
      const comment = addFacebookComment(state, { postId: post.id, parentId, message: citizen.text, from });
      this.services.webhooks.pageCommentAdded(comment, post);
      return comment;
    });
  }

  /** Citizen comments on IG media (the latest by default), also sent as `comments` webhooks. */
  injectInstagramComments(options: z.input<typeof instagramCommentsSchema> = {}): GraphComment[] {
    const { mediaId, ...inject } = instagramCommentsSchema.parse(options);
    const { state } = this;
    const media = mediaId ? state.graph.igMedia.get(mediaId) : [...state.graph.igMedia.values()].at(-1);
    if (!media)
      throw new ControlError(
        mediaId ? 404 : 409,
        mediaId ? `No Instagram media ${mediaId}` : "No Instagram media to comment on yet",
      );
    return this.citizenTexts(inject, "comment").map((citizen) => {
      const from = { id: state.nextId("igUser", 17841460000000000n), username: citizen.author.handle };
      const comment = addInstagramComment(state, { mediaId: media.id, text: citizen.text, from });
      this.services.webhooks.instagramCommentAdded(comment, media);
      return comment;
    });
  }

  /** Posts by citizens mentioning the office's X account, found by polling the mention timeline. */
  injectMentions(options: z.input<typeof mentionsSchema> = {}): Tweet[] {
    const { inReplyToTweetId, ...inject } = mentionsSchema.parse(options);
    const { state } = this;
    const inReplyTo = inReplyToTweetId ? state.x.tweets.get(inReplyToTweetId) : undefined;
    if (inReplyToTweetId && !inReplyTo) throw new ControlError(404, `No post ${inReplyToTweetId}`);
    const handle = `@${DEFAULT_ACCOUNTS.xUser.username}`;
    return this.citizenTexts(inject, "mention").map((citizen) => {
      const author = this.xCitizen(citizen);
      const text = citizen.text.toLowerCase().includes(handle) ? citizen.text : `${handle} ${citizen.text}`;
      return addTweet(state, { authorId: author.id, text, inReplyTo });
    });
  }

  /** Messenger messages from citizens to the Page (a new sender each, unless senderId is given). */
  injectPageMessages(options: z.input<typeof messagesSchema> = {}): PageMessage[] {
    const { senderId, ...inject } = messagesSchema.parse(options);
    const { state } = this;
    const page = state.graph.pages.get(DEFAULT_ACCOUNTS.page.id)!;
    const known = senderId
      ? [...state.graph.conversations.values()].find((c) => c.participant.id === senderId)?.participant
      : undefined;
    return this.citizenTexts(inject, "message").map((citizen) => {
      const sender = known ?? { id: senderId ?? state.nextId("psid", 24000000000000000n), name: citizen.author.name };
      const conversation = conversationWith(state, page, sender);
      return addPageMessage(state, conversation, sender, { id: page.id, name: page.name }, citizen.text);
    });
  }

  /**
   * Sets engagement counts of a Page post, IG media or X post (the others keep their value).
   * Comments and replies are counted on top of those the sandbox holds.
   */
  setEngagement(postId: string, counts: z.input<typeof engagementSchema>): Engagement {
    const parsed = engagementSchema.parse(counts);
    if (!hasEngageablePost(this.state, postId))
      throw new ControlError(404, `No Page post, Instagram media or X post ${postId}`);
    return setEngagement(this.state, postId, parsed);
  }

  /** One step of the demo's growing engagement on every live post of the sandbox's accounts. */
  growEngagement(): void {
    growEngagement(this.state, new Set([DEFAULT_ACCOUNTS.xUser.id]));
  }

  addFault(spec: z.input<typeof faultSpecSchema>) {
    return this.services.faults.add(spec);
  }

  listFaults() {
    return this.services.faults.list();
  }

  removeFault(id: string): boolean {
    return this.services.faults.remove(id);
  }

  clearFaults(): void {
    this.services.faults.clear();
  }

  /** Uses up an X endpoint's window, or makes every Graph call fail with a rate-limit code. */
  exhaustRateLimit(target: z.input<typeof exhaustSchema>): void {
    const parsed = exhaustSchema.parse(target);
    if (parsed.platform === "graph") this.services.graphUsage.forcedCode = parsed.code as GraphRateLimitCode;
    else {
      try {
        this.services.xLimiter.exhaust(parsed.endpoint);
      } catch (error) {
        throw new ControlError(400, (error as Error).message);
      }
    }
  }

  setXRateLimit(endpoint: string, limit: Partial<XEndpointLimit>): void {
    try {
      this.services.xLimiter.setLimit(endpoint, limit);
    } catch (error) {
      throw new ControlError(400, (error as Error).message);
    }
  }

  resetRateLimits(): void {
    this.services.graphUsage.reset();
    this.services.xLimiter.reset();
    this.services.xBilling.reset();
  }

  /**
   * Requests per X endpoint, and what X bills (x/billing.ts): resources read once per UTC day,
   * posts created with and without a URL, per day and in total, at X's list prices.
   */
  xUsage() {
    const { xBilling } = this.services;
    const totals = xBilling.totals();
    return {
      endpoints: Object.fromEntries(this.services.xLimiter.usage),
      postsWithUrl: totals.postCreateWithUrl,
      billing: { totals, daily: xBilling.daily() },
    };
  }

  setInstagramPublishingLimit(quotaTotal: number): void {
    this.state.config.igPublishingQuota = quotaTotal;
  }

  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
  }

  webhookDeliveries() {
    return this.services.webhooks.deliveries;
  }

  /** Points webhooks at a callback URL and performs the verification handshake. */
  async subscribeWebhooks(callbackUrl?: string): Promise<boolean> {
    try {
      if (callbackUrl) this.services.webhooks.setCallbackUrl(callbackUrl);
    } catch (error) {
      throw new ControlError(409, (error as Error).message);
    }
    return this.services.webhooks.verify();
  }

  /** Resolves once every webhook delivery so far has been delivered or has failed for good. */
  waitForWebhooks(): Promise<void> {
    return this.services.webhooks.settled();
  }

  reset(): void {
    this.state.reset();
    this.services.faults.clear();
    this.resetRateLimits();
    this.services.webhooks.deliveries.length = 0;
    this.services.whatsapp.reset();
  }

  private citizenTexts(
    options: { count: number; texts?: string[] },
    channel: "comment" | "mention" | "message",
  ): CitizenText[] {
    return (options.texts ?? Array.from({ length: options.count }, () => undefined)).map((text) => {
      const citizen = this.state.citizens.next(channel);
      return text ? { ...citizen, text } : citizen;
    });
  }

  private xCitizen(citizen: CitizenText): XUser {
    const username = citizen.author.handle.slice(0, 15);
    const existing = [...this.state.x.users.values()].find((u) => u.username === username);
    if (existing) return existing;
    const user: XUser = {
      id: this.state.nextId("xUser", 1700000000000100000n),
      username,
      name: citizen.author.name,
      description: `Warga ${citizen.place.desa}, Kec. ${citizen.place.kecamatan}`,
      location: "Sanggau, Kalimantan Barat",
      createdAt: Date.UTC(2020, 0, 1),
    };
    this.state.x.users.set(user.id, user);
    return user;
  }
}

/** The control API over HTTP. */
export function controlApi(control: SandboxControl, controlToken: string, credentials: () => unknown): Router {
  const router = Router();
  const expected = Buffer.from(`Bearer ${controlToken}`);
  router.use("/_sandbox", (req, res, next) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return res
        .status(401)
        .set("WWW-Authenticate", 'Bearer realm="siar-sandbox"')
        .json({ error: { message: "A valid control token is required" } });
    }
    next();
  });
  const body = async (req: Request) => {
    const parsed = await parseBody(req);
    if (parsed.malformed) throw new ControlError(400, parsed.malformed);
    return parsed.fields;
  };

  router.get("/_sandbox/credentials", (_req, res) => res.json(credentials()));
  router.use(metaAppControlRoutes(control.metaApp));
  router.use(whatsappControlRoutes(control.whatsapp));
  router.get("/_sandbox/published", (_req, res) => res.json(control.published()));
  router.post("/_sandbox/facebook/comments", async (req, res) =>
    res.status(201).json({ data: control.injectFacebookComments(await body(req)) }),
  );
  router.post("/_sandbox/facebook/messages", async (req, res) =>
    res.status(201).json({ data: control.injectPageMessages(await body(req)) }),
  );
  router.post("/_sandbox/instagram/comments", async (req, res) =>
    res.status(201).json({ data: control.injectInstagramComments(await body(req)) }),
  );
  router.post("/_sandbox/x/mentions", async (req, res) =>
    res.status(201).json({ data: control.injectMentions(await body(req)) }),
  );
  router.put("/_sandbox/engagement/:postId", async (req, res) =>
    res.json(control.setEngagement(req.params.postId, await body(req))),
  );
  router.get("/_sandbox/x/usage", (_req, res) => res.json(control.xUsage()));
  router.put("/_sandbox/x/rate-limits", async (req, res) => {
    const { endpoint, ...limit } = z
      .object({
        endpoint: z.string(),
        perUser: z.number().int().min(0).optional(),
        perApp: z.number().int().min(0).optional(),
        windowSeconds: z.number().int().positive().optional(),
      })
      .parse(await body(req));
    control.setXRateLimit(endpoint, limit);
    res.status(204).end();
  });
  router.put("/_sandbox/instagram/publishing-limit", async (req, res) => {
    const { quotaTotal } = z.object({ quotaTotal: z.number().int().min(0) }).parse(await body(req));
    control.setInstagramPublishingLimit(quotaTotal);
    res.status(204).end();
  });
  router.get("/_sandbox/faults", (_req, res) => res.json({ data: control.listFaults() }));
  router.post("/_sandbox/faults", async (req, res) => res.status(201).json(control.addFault(await body(req))));
  router.delete("/_sandbox/faults", (_req, res) => {
    control.clearFaults();
    res.status(204).end();
  });
  router.delete("/_sandbox/faults/:id", (req, res) => {
    if (!control.removeFault(req.params.id)) throw new ControlError(404, `No fault ${req.params.id}`);
    res.status(204).end();
  });
  router.post("/_sandbox/rate-limits/exhaust", async (req, res) => {
    control.exhaustRateLimit(exhaustSchema.parse(await body(req)));
    res.status(204).end();
  });
  router.delete("/_sandbox/rate-limits", (_req, res) => {
    control.resetRateLimits();
    res.status(204).end();
  });
  router.post("/_sandbox/clock/advance", async (req, res) => {
    control.advanceClock(z.object({ ms: z.number().int().min(0) }).parse(await body(req)).ms);
    res.status(204).end();
  });
  router.get("/_sandbox/webhooks/deliveries", (_req, res) => res.json({ data: control.webhookDeliveries() }));
  router.put("/_sandbox/webhooks/subscription", async (req, res) => {
    const { callbackUrl } = z.object({ callbackUrl: z.url().optional() }).parse(await body(req));
    res.json({ verified: await control.subscribeWebhooks(callbackUrl) });
  });
  router.post("/_sandbox/reset", (_req, res) => {
    control.reset();
    res.status(204).end();
  });
  router.all("/_sandbox/{*rest}", () => {
    throw new ControlError(404, "No such control route");
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof ControlError) return res.status(error.status).json({ error: { message: error.message } });
    if (error instanceof z.ZodError)
      return res.status(400).json({ error: { message: "Invalid control request", issues: error.issues } });
    next(error);
  });
  return router;
}
