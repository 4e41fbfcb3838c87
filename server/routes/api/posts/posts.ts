import { Router, type Request } from "express";
import {
  approvePost,
  cancelPost,
  createPost,
  postInclude,
  reschedulePost,
  returnPost,
  submitPost,
  updatePost,
} from "@server/commands/posts.js";
import { editPublishedPost, withdrawPost } from "@server/commands/publishedPosts.js";
import type { Prisma } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { authorize, can, unitScopeWhere } from "@server/policies/index.js";
import { presentPost } from "@server/presenters/post.js";
import type { Services } from "@server/services.js";
import { loadSiteUnit } from "@server/sites/units.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import {
  approveBody,
  createPostBody,
  editPublishedBody,
  listPostsQuery,
  rescheduleBody,
  returnBody,
  updatePostBody,
} from "./schema.js";
import type { PostChannelOutcomes } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

export function postRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function loadPost(req: Request) {
    const post = await prisma.post.findUnique({
      where: { id: parse(uuidParam, req.params, req).id },
      include: postInclude,
    });
    if (!post) throw new AppError("not_found");
    authorize(req.actor!, "read", "Post", { unitPath: post.unit.path, authorId: post.authorId });
    return post;
  }
  const subjectOf = (post: Awaited<ReturnType<typeof loadPost>>) => ({
    unitPath: post.unit.path,
    authorId: post.authorId,
  });

  /** A unit site named for the website channel must exist and lie in the units the caller writes for. */
  async function checkSite(req: Request, siteUnitId: string | null | undefined) {
    if (!siteUnitId) return;
    const site = await loadSiteUnit(prisma, siteUnitId, "siteUnitId");
    if (!can(req.actor!, "create", "Post", { unitPath: site.path, authorId: req.actor!.id }))
      throw new AppError("post_site_not_allowed", { field: "siteUnitId" });
  }

  // Newest activity first; the calendar asks for a window with from/to.
  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "Post");
    const query = parse(listPostsQuery, req.query, req);
    const after = decodeCursor(query.cursor, cursorKeys.timeAndId);
    const scope = unitScopeWhere(req.actor!);
    const filters: Prisma.PostWhereInput[] = [];
    if (scope) filters.push({ unit: scope });
    if (query.status) filters.push({ status: query.status });
    if (query.unitId) filters.push({ unitId: query.unitId });
    if (query.q) {
      const words = { contains: query.q, mode: "insensitive" } as const;
      filters.push({ OR: [{ title: words }, { body: words }] });
    }
    if (query.from || query.to) {
      const window = { gte: query.from, lt: query.to };
      filters.push({
        OR: [
          { scheduledAt: window },
          { publishedAt: window },
          { scheduledAt: null, publishedAt: null, createdAt: window },
        ],
      });
    }
    if (after) filters.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
    const rows = await prisma.post.findMany({
      where: { AND: filters },
      include: postInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const result = page(rows, query.limit, (post) => `${post.createdAt.toISOString()}|${post.id}`);
    res.json({
      data: result.data.map((post) => presentPost(services, post, req.actor!)),
      nextCursor: result.nextCursor,
    });
  });

  router.get("/:id", async (req, res) => {
    res.json(presentPost(services, await loadPost(req), req.actor!));
  });

  router.post("/", async (req, res) => {
    const body = parse(createPostBody, req.body, req);
    const unit = await prisma.unit.findUnique({ where: { id: body.unitId } });
    if (!unit) throw new AppError("not_found", { field: "unitId" });
    authorize(req.actor!, "create", "Post", { unitPath: unit.path, authorId: req.actor!.id });
    await checkSite(req, body.siteUnitId);
    const post = await createPost(services, { origin: originOf(req), post: body });
    res.status(201).json(presentPost(services, post, req.actor!));
  });

  router.patch("/:id", async (req, res) => {
    const post = await loadPost(req);
    const body = parse(updatePostBody, req.body, req);
    authorize(req.actor!, "update", "Post", subjectOf(post));
    await checkSite(req, body.siteUnitId);
    res.json(
      presentPost(
        services,
        await updatePost(services, { origin: originOf(req), postId: post.id, changes: body }),
        req.actor!,
      ),
    );
  });

  router.post("/:id/submit", async (req, res) => {
    const post = await loadPost(req);
    authorize(req.actor!, "update", "Post", subjectOf(post));
    res.json(presentPost(services, await submitPost(services, { origin: originOf(req), postId: post.id }), req.actor!));
  });

  router.post("/:id/approve", async (req, res) => {
    const post = await loadPost(req);
    const { note } = parse(approveBody, req.body, req);
    authorize(req.actor!, "approve", "Post", subjectOf(post));
    res.json(
      presentPost(
        services,
        await approvePost(services, { origin: originOf(req), postId: post.id, note: note ?? null }),
        req.actor!,
      ),
    );
  });

  router.post("/:id/return", async (req, res) => {
    const post = await loadPost(req);
    const { note } = parse(returnBody, req.body, req);
    authorize(req.actor!, "approve", "Post", subjectOf(post));
    res.json(
      presentPost(services, await returnPost(services, { origin: originOf(req), postId: post.id, note }), req.actor!),
    );
  });

  router.post("/:id/reschedule", async (req, res) => {
    const post = await loadPost(req);
    const { scheduledAt } = parse(rescheduleBody, req.body, req);
    authorize(req.actor!, "schedule", "Post", subjectOf(post));
    res.json(
      presentPost(
        services,
        await reschedulePost(services, { origin: originOf(req), postId: post.id, scheduledAt }),
        req.actor!,
      ),
    );
  });

  router.post("/:id/cancel", async (req, res) => {
    const post = await loadPost(req);
    authorize(req.actor!, "schedule", "Post", subjectOf(post));
    res.json(presentPost(services, await cancelPost(services, { origin: originOf(req), postId: post.id }), req.actor!));
  });

  // After publishing: correct the text where platforms allow it, or take the post down.
  router.patch("/:id/published", async (req, res) => {
    const post = await loadPost(req);
    const body = parse(editPublishedBody, req.body, req);
    authorize(req.actor!, "update", "Post", subjectOf(post));
    const result = await editPublishedPost(services, { origin: originOf(req), postId: post.id, changes: body });
    res.json({
      post: presentPost(services, result.post, req.actor!),
      channels: result.channels,
    } satisfies PostChannelOutcomes);
  });

  router.post("/:id/withdraw", async (req, res) => {
    const post = await loadPost(req);
    authorize(req.actor!, "update", "Post", subjectOf(post));
    const result = await withdrawPost(services, { origin: originOf(req), postId: post.id });
    res.json({
      post: presentPost(services, result.post, req.actor!),
      channels: result.channels,
    } satisfies PostChannelOutcomes);
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "Post" },
      summary: "List posts, newest activity first (the calendar asks for a window with from/to)",
      permission: { action: "list", model: "Post" },
      query: listPostsQuery,
    },
    "GET /:id": { response: "Post", summary: "One post", permission: { action: "read", model: "Post" } },
    "POST /": {
      response: "Post",
      summary: "Write a post",
      permission: { action: "create", model: "Post" },
      body: createPostBody,
      status: 201,
    },
    "PATCH /:id": {
      response: "Post",
      summary: "Update a post",
      permission: { action: "update", model: "Post" },
      body: updatePostBody,
    },
    "POST /:id/submit": {
      response: "Post",
      summary: "Submit a draft post for approval or publishing",
      permission: { action: "update", model: "Post" },
    },
    "POST /:id/approve": {
      response: "Post",
      summary: "Approve a post",
      permission: { action: "approve", model: "Post" },
      body: approveBody,
    },
    "POST /:id/return": {
      response: "Post",
      summary: "Return a post to its author with a note",
      permission: { action: "approve", model: "Post" },
      body: returnBody,
    },
    "POST /:id/reschedule": {
      response: "Post",
      summary: "Move a post's publishing time",
      permission: { action: "schedule", model: "Post" },
      body: rescheduleBody,
    },
    "POST /:id/cancel": {
      response: "Post",
      summary: "Cancel a scheduled post",
      permission: { action: "schedule", model: "Post" },
    },
    "PATCH /:id/published": {
      response: "PostChannelOutcomes",
      summary: "Correct a published post where platforms allow it",
      permission: { action: "update", model: "Post" },
      body: editPublishedBody,
    },
    "POST /:id/withdraw": {
      response: "PostChannelOutcomes",
      summary: "Take a published post down",
      permission: { action: "update", model: "Post" },
    },
  });

  return router;
}
