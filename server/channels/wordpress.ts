/**
 * An existing WordPress site through its REST API, with an application password.
 * https://developer.wordpress.org/rest-api/reference/posts/
 * https://developer.wordpress.org/rest-api/reference/media/ (uploads: an image becomes the
 * featured image, a video goes into the content as a core video block)
 */
import {
  type ChannelAdapter,
  ChannelError,
  type ChannelTarget,
  type OutgoingMedia,
  type OutgoingPost,
} from "./adapter.js";
import { WORDPRESS_ACCOUNT_CODES } from "./errorCodes.js";
import {
  DEFAULT_TIMEOUT_MS,
  minutesFromNow,
  normaliseWhitespace,
  type Platform,
  type PlatformResponse,
  requiredField,
  sendRequest,
} from "./http.js";

/** Credentials of a WordPress channel: a user and one of their application passwords. */
export type WordPressCredentials = { username: string; applicationPassword: string };
/** Settings of a WordPress channel: the site URL; the REST API is at {baseUrl}/wp-json/wp/v2. externalId is the site URL too. */
export type WordPressSettings = { baseUrl: string };

export type WordPressAdapterOptions = { timeoutMs?: number };

const WORDPRESS: Platform = { label: "WordPress", codePrefix: "wordpress" };
/** WordPress compares `after` with the site-local publish date; looking this much further back covers any time zone. */
const WIDEST_UTC_OFFSET_MS = 14 * 60 * 60 * 1000;
const SERVER_ERROR_WAIT_MINUTES = 1;

type RestRequest = {
  query?: Record<string, string>;
  json?: unknown;
  file?: { bytes: Buffer; mimeType: string; filename: string };
};
type WpPost = { id: number; link: string; date_gmt: string; title: { raw?: string }; content: { raw?: string } };
/** What Siar needs of an uploaded media item to show it in a post. */
export type UploadedMedia = { id: number; source_url: string };

/** A core video block, as the block editor saves one: https://developer.wordpress.org/block-editor/reference-guides/core-blocks/#video */
const VIDEO_BLOCK = /<!-- wp:video\b[\s\S]*?<!-- \/wp:video -->/g;

export function createWordPressAdapter(options: WordPressAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** One authenticated REST call: `json` goes as a JSON body, `file` as raw bytes named by Content-Disposition (how /media takes uploads). */
  async function rest<T>(target: ChannelTarget, method: string, path: string, request: RestRequest = {}): Promise<T> {
    const url = new URL(`${siteUrl(target)}/wp-json/wp/v2${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const username = requiredField(WORDPRESS, target.credentials, "username");
    const password = requiredField(WORDPRESS, target.credentials, "applicationPassword");
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
    };
    let body: string | Uint8Array | undefined;
    if (request.file) {
      headers["content-type"] = request.file.mimeType;
      headers["content-disposition"] = `attachment; filename="${request.file.filename.replace(/[^\w.-]/g, "_")}"`;
      body = new Uint8Array(request.file.bytes);
    } else if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    }
    const response = await sendRequest(WORDPRESS, url, { method, headers, body }, timeoutMs);
    if (response.status >= 400) throw wordpressFailure(response);
    return response.body as T;
  }

  return {
    kind: "wordpress",

    async verify(target) {
      const user = await rest<{ name: string }>(target, "GET", "/users/me");
      return { name: user.name, externalId: siteUrl(target) };
    },

    async publish(target, post) {
      const upload = async (media: OutgoingMedia) => {
        const file = {
          bytes: await media.read(),
          mimeType: media.mimeType,
          filename: media.fileName,
        };
        return rest<UploadedMedia>(target, "POST", "/media", { file });
      };
      const image = post.media.find((item) => item.kind === "image");
      const video = post.media.find((item) => item.kind === "video");
      // A video post has no featured image: the video itself leads in the content.
      const featuredMedia = image && !video ? (await upload(image)).id : 0;
      const uploadedVideo = video ? await upload(video) : undefined;
      const created = await rest<WpPost>(target, "POST", "/posts", {
        json: {
          title: post.title,
          content: contentOf(post, uploadedVideo),
          status: "publish",
          featured_media: featuredMedia,
        },
      });
      return { remoteId: String(created.id), remoteUrl: created.link };
    },

    async findPublished(target, post, since) {
      const candidates = await rest<WpPost[]>(target, "GET", "/posts", {
        query: {
          after: new Date(since.getTime() - WIDEST_UTC_OFFSET_MS).toISOString(),
          search: post.title,
          context: "edit",
          per_page: "100",
        },
      });
      const title = normaliseWhitespace(post.title);
      // The video's address is known only once it is uploaded, so the text is compared without the video block.
      const content = normaliseWhitespace(contentOf(post));
      const match = candidates.find(
        (candidate) =>
          Date.parse(`${candidate.date_gmt}Z`) >= since.getTime() - 1000 &&
          normaliseWhitespace(candidate.title.raw ?? "") === title &&
          normaliseWhitespace((candidate.content.raw ?? "").replace(VIDEO_BLOCK, "")) === content,
      );
      return match ? { remoteId: String(match.id), remoteUrl: match.link } : null;
    },

    async remove(target, remoteId) {
      await rest(target, "DELETE", `/posts/${remoteId}`, { query: { force: "true" } });
    },

    async update(target, remoteId, post) {
      let content = contentOf(post);
      if (post.media.some((item) => item.kind === "video")) {
        // The text changes; the video block the post was published with stays.
        const current = await rest<WpPost>(target, "GET", `/posts/${remoteId}`, { query: { context: "edit" } });
        const blocks = (current.content.raw ?? "").match(VIDEO_BLOCK) ?? [];
        content = [content, ...blocks].join("\n");
      }
      await rest(target, "POST", `/posts/${remoteId}`, { json: { title: post.title, content } });
    },
  };
}

function siteUrl(target: ChannelTarget): string {
  const url = requiredField(WORDPRESS, target.settings, "baseUrl").replace(/\/$/, "");
  if (!isSafeSiteAddress(url))
    throw new ChannelError(
      "permanent",
      "wordpress:https_required",
      "WordPress: the site address must use https (application passwords travel with every request)",
    );
  return url;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Application passwords are sent with every request and WordPress offers them only over HTTPS
 * (https://make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/): a site is
 * reached over https, or over http on this machine only (the local sandbox, tests).
 */
export function isSafeSiteAddress(address: string): boolean {
  try {
    const url = new URL(address);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The post body as HTML: the text escaped, a paragraph per blank-line block, then the link, then the video if there is one. */
export function contentOf(post: OutgoingPost, video?: UploadedMedia): string {
  const paragraphs = post.text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, "<br />\n")}</p>`);
  if (post.link && !post.text.includes(post.link))
    paragraphs.push(`<p><a href="${escapeHtml(post.link)}">${escapeHtml(post.link)}</a></p>`);
  if (video) paragraphs.push(videoBlock(video));
  return paragraphs.join("\n");
}

/** The uploaded video in a core video block: the block's attributes name the media item, the markup plays its file. */
export function videoBlock(video: UploadedMedia): string {
  return [
    `<!-- wp:video ${JSON.stringify({ id: video.id })} -->`,
    `<figure class="wp-block-video"><video controls src="${escapeHtml(video.source_url)}"></video></figure>`,
    "<!-- /wp:video -->",
  ].join("\n");
}

/** The upload of a file type the site does not accept is a 500 that will fail again. */
const PERMANENT_SERVER_CODES = new Set(["rest_upload_sideload_error"]);

export function wordpressFailure(response: PlatformResponse): ChannelError {
  const error = (typeof response.body === "object" && response.body !== null ? response.body : {}) as {
    code?: string;
    message?: string;
  };
  const code = `wordpress:${error.code ?? response.status}`;
  const message = `WordPress: ${error.message ?? `HTTP ${response.status}`}`;
  if (
    response.status === 401 ||
    (response.status === 403 && error.code !== undefined && WORDPRESS_ACCOUNT_CODES.has(error.code))
  ) {
    return new ChannelError("reconnect", code, message);
  }
  if ((response.status >= 500 && !PERMANENT_SERVER_CODES.has(error.code ?? "")) || response.status === 429) {
    // A 5xx may come after the site stored the post; a 429 came before anything was done.
    return new ChannelError("transient", code, message, minutesFromNow(SERVER_ERROR_WAIT_MINUTES), {
      outcomeUnknown: response.status >= 500,
    });
  }
  return new ChannelError("permanent", code, message);
}

export const wordpressAdapter = createWordPressAdapter();
