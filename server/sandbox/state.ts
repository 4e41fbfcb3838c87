/**
 * In-memory state shared by every imitated platform: accounts, tokens and everything published
 * or injected. Ids come from per-kind counters, so the same sequence of calls yields the same ids.
 */
import { createCitizenTextGenerator, type CitizenTextGenerator } from "./citizenText";
import { createRandom, type Random } from "./random";

// ---------- Graph API (Facebook Pages + Instagram) ----------

export type GraphTokenStatus = "valid" | "expired" | "revoked";

export interface GraphToken {
  token: string;
  /** The Page or IG user the token acts as (a Page access token acts for both). */
  pageId: string;
  status: GraphTokenStatus;
  /**
   * The permissions the person granted the app; a call needing another is refused with code 10
   * or 200. Undefined: every permission (the seeded tokens, as a developer's own would have).
   */
  scopes?: ReadonlySet<string>;
}

/**
 * The permissions the seeded Facebook Login for Business configuration asks for: what Siar uses
 * (see the README's permission table).
 */
export const META_APP_PERMISSIONS = [
  "pages_show_list",
  "pages_manage_posts",
  "pages_read_engagement",
  "pages_read_user_content",
  "pages_manage_engagement",
  "pages_manage_metadata",
  "pages_messaging",
  "read_insights",
  "business_management",
  "instagram_basic",
  "instagram_content_publish",
  "instagram_manage_comments",
  "instagram_manage_insights",
] as const;

export interface FbPage {
  id: string;
  name: string;
  category: string;
  igUserId: string;
}

export interface FbPost {
  id: string;
  pageId: string;
  message?: string;
  link?: string;
  /** The photos of a photo post, or those attached through attached_media; empty for text posts. */
  photos: FbPhoto[];
  /** The video a video post shows (POST /{page-id}/videos); its description is this post's message. */
  videoId?: string;
  published: boolean;
  /** Epoch seconds; unpublished posts with this time go live once it has passed. */
  scheduledPublishTime?: number;
  createdTime: number;
  updatedTime: number;
}

export interface FbPhoto {
  id: string;
  pageId: string;
  url: string;
}

/** A Page video: the Video node, shown in the feed as the post {page-id}_{video-id}. */
export interface FbVideo {
  id: string;
  pageId: string;
  postId: string;
  title?: string;
  /** The file_url Meta fetched, and what it found there. */
  fileUrl: string;
  contentType: string;
  bytes: number;
  createdTime: number;
}

export interface SocialActor {
  id: string;
  name?: string;
  username?: string;
}

export interface GraphComment {
  id: string;
  platform: "facebook" | "instagram";
  /** The FB post or IG media commented on. */
  objectId: string;
  parentId?: string;
  message: string;
  from: SocialActor;
  createdTime: number;
}

export type IgContainerStatus = "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED" | "PUBLISHED";

export interface IgAccount {
  id: string;
  username: string;
  name: string;
  pageId: string;
}

export interface IgContainer {
  id: string;
  igUserId: string;
  mediaType: "IMAGE" | "VIDEO" | "REELS";
  mediaUrl: string;
  caption?: string;
  createdTime: number;
  /** Resolved once the sandbox has fetched mediaUrl. */
  fetchResult?: { ok: true } | { ok: false; reason: string };
  statusPolls: number;
  publishedMediaId?: string;
}

export interface IgMedia {
  id: string;
  igUserId: string;
  containerId: string;
  caption?: string;
  mediaType: "IMAGE" | "VIDEO";
  mediaProductType: "FEED" | "REELS";
  mediaUrl: string;
  shortcode: string;
  timestamp: number;
}

export interface PageMessage {
  id: string;
  conversationId: string;
  from: SocialActor;
  to: SocialActor;
  text: string;
  createdTime: number;
}

export interface Conversation {
  id: string;
  pageId: string;
  participant: SocialActor;
  messages: PageMessage[];
}

// ---------- X ----------

export interface XUser {
  id: string;
  username: string;
  name: string;
  description: string;
  location: string;
  createdAt: number;
}

export interface Tweet {
  id: string;
  authorId: string;
  text: string;
  createdAt: number;
  conversationId: string;
  inReplyToTweetId?: string;
  inReplyToUserId?: string;
  mediaKeys: string[];
  mentionedUsernames: string[];
  deleted: boolean;
}

export interface XMedia {
  id: string;
  mediaKey: string;
  ownerId: string;
  mediaType: string;
  category: string;
  totalBytes: number;
  chunks: Map<number, Buffer>;
  finalized: boolean;
  /** STATUS polls still answered "in_progress" (video only). */
  pendingPolls: number;
  createdAt: number;
}

export interface XOAuth1Token {
  token: string;
  secret: string;
  userId: string;
}

// ---------- WordPress ----------

export type WpPostStatus = "publish" | "future" | "draft" | "pending" | "private" | "trash";

export interface WpUser {
  id: number;
  username: string;
  name: string;
  applicationPassword: string;
}

export interface WpPost {
  id: number;
  title: string;
  content: string;
  excerpt: string;
  status: WpPostStatus;
  slug: string;
  authorId: number;
  featuredMedia: number;
  dateGmt: number;
  modifiedGmt: number;
}

export interface WpMedia {
  id: number;
  filename: string;
  mimeType: string;
  data: Buffer;
  authorId: number;
  title: string;
  dateGmt: number;
}

// ---------- engagement ----------

/**
 * What people did with a post beyond what the sandbox models one by one (comments and replies
 * are also counted from the comments and mentions it holds). Each platform reports its own part:
 * Facebook likes as reactions, views, reach and shares; Instagram likes, views, reach, saves,
 * shares; X likes, reposts (shares), quotes, views (impressions), bookmarks.
 */
export interface Engagement {
  likes: number;
  comments: number;
  shares: number;
  quotes: number;
  views: number;
  reach: number;
  saves: number;
  bookmarks: number;
}

export const NO_ENGAGEMENT: Readonly<Engagement> = {
  likes: 0,
  comments: 0,
  shares: 0,
  quotes: 0,
  views: 0,
  reach: 0,
  saves: 0,
  bookmarks: 0,
};

// ---------- configuration ----------

export interface SandboxConfig {
  /** Status polls a new IG container answers IN_PROGRESS before FINISHED. */
  igContainerPollsBeforeFinished: number;
  /** IG publishing limit per rolling 24 h (content_publishing_limit docs: 100). */
  igPublishingQuota: number;
  /** Graph calls per hour per app / per Page before codes 4 / 32. */
  graphAppCallsPerHour: number;
  graphPageCallsPerHour: number;
  /** STATUS polls an X video upload answers in_progress before succeeded. */
  xVideoProcessingPolls: number;
  /** How long media fetches by the sandbox may take (IG containers, FB photos). */
  mediaFetchTimeoutMs: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  igContainerPollsBeforeFinished: 1,
  igPublishingQuota: 100,
  graphAppCallsPerHour: 4800,
  graphPageCallsPerHour: 4800,
  xVideoProcessingPolls: 1,
  mediaFetchTimeoutMs: 5_000,
};

/** The accounts every sandbox starts with; credentials are exposed through `sandbox.credentials`. */
export const DEFAULT_ACCOUNTS = {
  graphAppId: "880011223344556",
  /** The app's Facebook Login for Business configuration (user access token, Pages and IG accounts). */
  metaLoginConfigId: "1200334455667788",
  page: { id: "104522339876501", name: "Diskominfo Kabupaten Sanggau", category: "Government organization" },
  pageAccessToken: "EAAPageSanggauSandboxToken0001",
  expiredPageAccessToken: "EAAPageSanggauSandboxTokenExpired",
  revokedPageAccessToken: "EAAPageSanggauSandboxTokenRevoked",
  igAccount: { id: "17841400123456789", username: "diskominfo.sanggau", name: "Diskominfo Kabupaten Sanggau" },
  xApp: {
    consumerKey: "sandbox-consumer-key",
    consumerSecret: "sandbox-consumer-secret",
    appOnlyBearerToken: "AAAAAAAAAAAAAAAAAAAAASANDBOXAPPONLYBEARER",
  },
  xUser: { id: "1700000000000000001", username: "diskominfo_sgu", name: "Diskominfo Sanggau" },
  xOAuth1: { token: "1700000000000000001-sandboxAccessToken", secret: "sandbox-access-secret" },
  xOAuth2UserToken: "sandbox-oauth2-user-token-diskominfo",
  wpUser: {
    id: 1,
    username: "humas",
    name: "Humas Diskominfo Sanggau",
    applicationPassword: "abcd EFGH 1234 ijkl MNOP 5678",
  },
} as const;

/** Sequential ids per kind, each kind starting from a realistic-looking base. */
class IdSequence {
  private readonly counters = new Map<string, bigint>();
  next(kind: string, base: bigint): string {
    const n = (this.counters.get(kind) ?? 0n) + 1n;
    this.counters.set(kind, n);
    return (base + n).toString();
  }
}

export class SandboxState {
  readonly seed: number;
  readonly config: SandboxConfig;
  random: Random;
  citizens: CitizenTextGenerator;
  ids = new IdSequence();
  /** Lets tests move time forward (token expiry, scheduled posts, rate-limit windows). */
  clockOffsetMs = 0;

  readonly graph = {
    pages: new Map<string, FbPage>(),
    tokens: new Map<string, GraphToken>(),
    igAccounts: new Map<string, IgAccount>(),
    posts: new Map<string, FbPost>(),
    photos: new Map<string, string>(), // photo id -> post id
    /** Photos uploaded with published=false, waiting to be attached to a feed post. */
    unpublishedPhotos: new Map<string, FbPhoto>(),
    videos: new Map<string, FbVideo>(),
    comments: new Map<string, GraphComment>(),
    igContainers: new Map<string, IgContainer>(),
    igMedia: new Map<string, IgMedia>(),
    igPublishTimes: new Map<string, number[]>(), // ig user id -> publish times
    conversations: new Map<string, Conversation>(),
    /** Facebook Login for Business configurations of the app, by id: the permissions each asks for. */
    loginConfigurations: new Map<string, string[]>(),
    /** Permissions approved for Advanced Access (App Review, verified business); the others have Standard Access. */
    advancedAccess: new Set<string>(),
    /** The Page webhook fields the app is subscribed to per Page (POST /{page-id}/subscribed_apps). */
    pageSubscriptions: new Map<string, Set<string>>(),
    /** What a Page requires of the publishing person that they have not done (PPA, two-factor): Page id → requirements. */
    pageRequirements: new Map<string, Set<string>>(),
    /** Page metrics Meta has withdrawn since (set by tests): asking for one is an invalid-metric error. */
    withdrawnMetrics: new Set<string>(),
  };

  readonly x = {
    consumerKey: DEFAULT_ACCOUNTS.xApp.consumerKey,
    consumerSecret: DEFAULT_ACCOUNTS.xApp.consumerSecret,
    appBearerToken: DEFAULT_ACCOUNTS.xApp.appOnlyBearerToken,
    users: new Map<string, XUser>(),
    oauth1Tokens: new Map<string, XOAuth1Token>(),
    oauth2UserTokens: new Map<string, string>(), // token -> user id
    tweets: new Map<string, Tweet>(),
    media: new Map<string, XMedia>(),
  };

  readonly wordpress = {
    users: new Map<number, WpUser>(),
    posts: new Map<number, WpPost>(),
    media: new Map<number, WpMedia>(),
  };

  /** Engagement per Page post, IG media or X post id, set by tests or grown in demo mode. */
  readonly engagement = new Map<string, Engagement>();
  /** Posts whose counts were set through the control API: the demo's growth leaves them as set. */
  readonly engagementSetByControl = new Set<string>();

  private readonly initialConfig: SandboxConfig;

  constructor(seed: number, config: Partial<SandboxConfig> = {}) {
    this.seed = seed;
    this.initialConfig = { ...DEFAULT_CONFIG, ...config };
    this.config = { ...this.initialConfig };
    this.random = createRandom(seed);
    this.citizens = createCitizenTextGenerator(seed);
    seedDefaultAccounts(this);
  }

  /** Back to the freshly seeded state: same accounts, same id sequences, same generated texts. */
  reset(): void {
    for (const collection of [
      ...Object.values(this.graph),
      ...Object.values(this.x),
      ...Object.values(this.wordpress),
    ]) {
      if (collection instanceof Map || collection instanceof Set) collection.clear();
    }
    this.engagement.clear();
    this.engagementSetByControl.clear();
    Object.assign(this.config, this.initialConfig);
    this.clockOffsetMs = 0;
    this.ids = new IdSequence();
    this.random = createRandom(this.seed);
    this.citizens = createCitizenTextGenerator(this.seed);
    seedDefaultAccounts(this);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  nextId(kind: string, base: bigint): string {
    return this.ids.next(kind, base);
  }

  nextNumericId(kind: string): number {
    return Number(this.ids.next(kind, 0n));
  }

  engagementOf(id: string): Readonly<Engagement> {
    return this.engagement.get(id) ?? NO_ENGAGEMENT;
  }
}

function seedDefaultAccounts(state: SandboxState): void {
  const a = DEFAULT_ACCOUNTS;
  state.graph.loginConfigurations.set(a.metaLoginConfigId, [...META_APP_PERMISSIONS]);
  for (const permission of META_APP_PERMISSIONS) state.graph.advancedAccess.add(permission);
  state.graph.pages.set(a.page.id, { ...a.page, igUserId: a.igAccount.id });
  state.graph.igAccounts.set(a.igAccount.id, { ...a.igAccount, pageId: a.page.id });
  state.graph.tokens.set(a.pageAccessToken, { token: a.pageAccessToken, pageId: a.page.id, status: "valid" });
  state.graph.tokens.set(a.expiredPageAccessToken, {
    token: a.expiredPageAccessToken,
    pageId: a.page.id,
    status: "expired",
  });
  state.graph.tokens.set(a.revokedPageAccessToken, {
    token: a.revokedPageAccessToken,
    pageId: a.page.id,
    status: "revoked",
  });

  state.x.users.set(a.xUser.id, {
    ...a.xUser,
    description: "Akun resmi Dinas Komunikasi dan Informatika Kabupaten Sanggau",
    location: "Sanggau, Kalimantan Barat",
    createdAt: Date.UTC(2019, 2, 1),
  });
  state.x.oauth1Tokens.set(a.xOAuth1.token, { ...a.xOAuth1, userId: a.xUser.id });
  state.x.oauth2UserTokens.set(a.xOAuth2UserToken, a.xUser.id);

  state.wordpress.users.set(a.wpUser.id, { ...a.wpUser });
}
