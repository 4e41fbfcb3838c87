/**
 * /wp/v2/posts: list, create, read, update, delete.
 * https://developer.wordpress.org/rest-api/reference/posts/
 */
import type { Request, Router } from "express";
import { z } from "zod";
import { parseBody, queryParams, requestUrl } from "@server/sandbox/http";
import type { SandboxState, WpPost, WpPostStatus } from "@server/sandbox/state";
import { requireWpUser, wpUserOf } from "./auth";
import { WpError, wpErrors } from "./errors";
import { parseWpDate, presentPost } from "./present";

const WRITABLE_STATUSES = ["publish", "future", "draft", "pending", "private"] as const;

/** title/content/excerpt may be a string or {raw}. */
const rawText = z.union([z.string(), z.object({ raw: z.string() }).transform((value) => value.raw)]);

const postSchema = z.object({
  title: rawText.optional(),
  content: rawText.optional(),
  excerpt: rawText.optional(),
  status: z.string().optional(),
  date: z.string().nullable().optional(),
  date_gmt: z.string().nullable().optional(),
  slug: z.string().optional(),
  featured_media: z.coerce.number().int().min(0).optional(),
});

type PostInput = z.infer<typeof postSchema>;

export const siteUrlOf = (req: Request) => requestUrl(req).origin;

async function postInput(req: Request): Promise<PostInput> {
  const body = await parseBody(req);
  if (body.malformed) throw wpErrors.invalidJson();
  const parsed = postSchema.safeParse({ ...queryParams(req), ...body.fields });
  if (!parsed.success) {
    const params = Object.fromEntries(
      parsed.error.issues.map((issue) => [
        String(issue.path[0]),
        `${String(issue.path[0])} is not of type ${issue.code === "invalid_type" ? issue.expected : "the expected type"}.`,
      ]),
    );
    throw wpErrors.invalidParams(params);
  }
  const input = parsed.data;
  if (input.status !== undefined && !(WRITABLE_STATUSES as readonly string[]).includes(input.status)) {
    throw wpErrors.invalidParams({ status: `status is not one of ${WRITABLE_STATUSES.join(", ")}.` });
  }
  return input;
}

/** Applies input to a post, with WordPress's date rules: a future date schedules, a past one publishes. */
function applyInput(state: SandboxState, post: WpPost, input: PostInput): void {
  if (input.title !== undefined) post.title = input.title;
  if (input.content !== undefined) post.content = input.content;
  if (input.excerpt !== undefined) post.excerpt = input.excerpt;
  if (input.featured_media !== undefined) {
    if (input.featured_media !== 0 && !state.wordpress.media.has(input.featured_media)) {
      throw new WpError(400, "rest_invalid_featured_media", "Invalid featured media ID.");
    }
    post.featuredMedia = input.featured_media;
  }
  const date = input.date_gmt
    ? parseWpDate(input.date_gmt, "gmt")
    : input.date
      ? parseWpDate(input.date, "local")
      : undefined;
  if ((input.date || input.date_gmt) && date === undefined) throw wpErrors.invalidParams({ date: "Invalid date." });
  if (date !== undefined) post.dateGmt = date;
  if (input.status) post.status = input.status as WpPostStatus;
  const now = state.now();
  if (post.status === "future" && post.dateGmt <= now) post.status = "publish";
  else if (post.status === "publish" && post.dateGmt > now) post.status = "future";
  if (input.slug) post.slug = uniqueSlug(state, slugify(input.slug), post.id);
  else if (!post.slug && post.title) post.slug = uniqueSlug(state, slugify(post.title), post.id);
  post.modifiedGmt = now;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 200);
}

function uniqueSlug(state: SandboxState, slug: string, postId: number): string {
  const taken = (candidate: string) =>
    [...state.wordpress.posts.values()].some((p) => p.id !== postId && p.slug === candidate);
  let candidate = slug;
  for (let n = 2; taken(candidate); n++) candidate = `${slug}-${n}`;
  return candidate;
}

function findPost(state: SandboxState, id: string): WpPost {
  const post = state.wordpress.posts.get(Number(id));
  if (!post) throw wpErrors.invalidPostId();
  return post;
}

const listSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(10),
  status: z.string().default("publish"),
  search: z.string().optional(),
  order: z.enum(["asc", "desc"]).default("desc"),
  context: z.enum(["view", "edit", "embed"]).default("view"),
  /** ISO 8601; zoneless values are site-local time, as WordPress reads them. */
  after: z.string().optional(),
  before: z.string().optional(),
});

/** `after` / `before` compare with the publish date, exclusively, as WP_Query's date_query does. */
function publishedBetween(params: { after?: string; before?: string }): (post: WpPost) => boolean {
  const bound = (name: "after" | "before") => {
    const value = params[name];
    if (value === undefined) return undefined;
    const ms = parseWpDate(value, "local");
    if (ms === undefined) throw wpErrors.invalidParams({ [name]: "Invalid date." });
    return ms;
  };
  const after = bound("after");
  const before = bound("before");
  return (post) => (after === undefined || post.dateGmt > after) && (before === undefined || post.dateGmt < before);
}

function listParams(req: Request) {
  const parsed = listSchema.safeParse(queryParams(req));
  if (parsed.success) return parsed.data;
  const name = String(parsed.error.issues[0]!.path[0]);
  const message =
    name === "per_page" ? "per_page must be between 1 (inclusive) and 100 (inclusive)" : `${name} is invalid.`;
  throw wpErrors.invalidParams({ [name]: message });
}

/** context=edit (raw fields) needs an authenticated user, as core requires edit_posts. */
function withRaw(state: SandboxState, req: Request): boolean {
  if (queryParams(req).context !== "edit") return false;
  if (!wpUserOf(state, req))
    throw new WpError(401, "rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.");
  return true;
}

export function registerPostRoutes(router: Router, state: SandboxState): void {
  router.get("/wp-json/wp/v2/posts", (req, res) => {
    const params = listParams(req);
    const statuses = params.status.split(",");
    if (statuses.some((s) => s !== "publish") && !wpUserOf(state, req))
      throw wpErrors.invalidParams({ status: "Status is forbidden." });
    const raw = withRaw(state, req);
    const search = params.search?.toLowerCase();
    const inDateRange = publishedBetween(params);
    const matching = [...state.wordpress.posts.values()]
      .filter((p) => (statuses.includes("any") ? p.status !== "trash" : statuses.includes(p.status)))
      .filter((p) => !search || `${p.title} ${p.content}`.toLowerCase().includes(search))
      .filter(inDateRange)
      .sort((a, b) =>
        params.order === "desc" ? b.dateGmt - a.dateGmt || b.id - a.id : a.dateGmt - b.dateGmt || a.id - b.id,
      );
    const totalPages = Math.ceil(matching.length / params.per_page);
    if (params.page > totalPages && matching.length > 0) {
      throw new WpError(
        400,
        "rest_post_invalid_page_number",
        "The page number requested is larger than the number of pages available.",
      );
    }
    const page = matching.slice((params.page - 1) * params.per_page, params.page * params.per_page);
    res.set({ "X-WP-Total": String(matching.length), "X-WP-TotalPages": String(totalPages) });
    res.json(page.map((p) => presentPost(p, siteUrlOf(req), raw)));
  });

  router.post("/wp-json/wp/v2/posts", async (req, res) => {
    const user = requireWpUser(
      state,
      req,
      "rest_cannot_create",
      "Sorry, you are not allowed to create posts as this user.",
    );
    const input = await postInput(req);
    if (!input.title && !input.content && !input.excerpt)
      throw new WpError(400, "empty_content", "Content, title, and excerpt are empty.");
    const now = state.now();
    const post: WpPost = {
      id: 0,
      title: "",
      content: "",
      excerpt: "",
      status: "draft",
      slug: "",
      authorId: user.id,
      featuredMedia: 0,
      dateGmt: now,
      modifiedGmt: now,
    };
    applyInput(state, post, input);
    post.id = state.nextNumericId("wpPost");
    if (!post.slug && post.status === "publish") post.slug = uniqueSlug(state, String(post.id), post.id);
    state.wordpress.posts.set(post.id, post);
    res
      .status(201)
      .location(`${siteUrlOf(req)}/wp-json/wp/v2/posts/${post.id}`)
      .json(presentPost(post, siteUrlOf(req), true));
  });

  router.get("/wp-json/wp/v2/posts/:id", (req, res) => {
    const post = findPost(state, req.params.id);
    if (post.status !== "publish" && !wpUserOf(state, req))
      throw new WpError(401, "rest_forbidden", "Sorry, you are not allowed to do that.");
    res.json(presentPost(post, siteUrlOf(req), withRaw(state, req)));
  });

  const update = async (req: Request<{ id: string }>, res: import("express").Response) => {
    requireWpUser(state, req, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.");
    const post = findPost(state, req.params.id);
    applyInput(state, post, await postInput(req));
    res.json(presentPost(post, siteUrlOf(req), true));
  };
  router.post("/wp-json/wp/v2/posts/:id", update);
  router.put("/wp-json/wp/v2/posts/:id", update);
  router.patch("/wp-json/wp/v2/posts/:id", update);

  router.delete("/wp-json/wp/v2/posts/:id", (req, res) => {
    requireWpUser(state, req, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
    const post = findPost(state, req.params.id);
    const force = ["true", "1"].includes(queryParams(req).force ?? "");
    if (force) {
      state.wordpress.posts.delete(post.id);
      return res.json({ deleted: true, previous: presentPost(post, siteUrlOf(req), true) });
    }
    if (post.status === "trash") throw new WpError(410, "rest_already_trashed", "The post has already been deleted.");
    post.status = "trash";
    post.modifiedGmt = state.now();
    res.json(presentPost(post, siteUrlOf(req), true));
  });
}
