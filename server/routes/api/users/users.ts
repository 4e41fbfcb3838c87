import { Router } from "express";
import type { Actor } from "@server/auth/actor.js";
import { createUser, resetUserPassword, updateUser, userInclude } from "@server/commands/users.js";
import type { Prisma } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { authorize, unitScopeWhere } from "@server/policies/index.js";
import { presentUser } from "@server/presenters/user.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { createUserBody, listUsersQuery, updateUserBody } from "./schema.js";
import type { CreatedUser } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Users visible to the actor: themselves and members of units in their scope. */
function visibleUsersWhere(actor: Actor): Prisma.UserWhereInput {
  const scope = unitScopeWhere(actor);
  return scope ? { OR: [{ id: actor.id }, { memberships: { some: { unit: scope } } }] } : {};
}

export function userRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function loadUser(id: string) {
    const user = await prisma.user.findUnique({ where: { id }, include: { memberships: { include: { unit: true } } } });
    if (!user) throw new AppError("not_found");
    return { user, subject: { id: user.id, unitPaths: user.memberships.map((m) => m.unit.path) } };
  }

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "User");
    const query = parse(listUsersQuery, req.query, req);
    const after = decodeCursor(query.cursor, cursorKeys.text);
    const filters: Prisma.UserWhereInput[] = [visibleUsersWhere(req.actor!)];
    if (query.q)
      filters.push({
        OR: [
          { name: { contains: query.q, mode: "insensitive" } },
          { email: { contains: query.q, mode: "insensitive" } },
        ],
      });
    if (query.role) filters.push({ role: query.role });
    if (query.active !== undefined) filters.push({ active: query.active });
    if (query.unitId) filters.push({ memberships: { some: { unitId: query.unitId } } });
    if (after) filters.push({ email: { gt: after } });
    const rows = await prisma.user.findMany({
      where: { AND: filters },
      include: userInclude,
      orderBy: { email: "asc" },
      take: query.limit + 1,
    });
    const result = page(rows, query.limit, (user) => user.email);
    res.json({ data: result.data.map((user) => presentUser(user)), nextCursor: result.nextCursor });
  });

  router.get("/:id", async (req, res) => {
    const { user, subject } = await loadUser(parse(uuidParam, req.params, req).id);
    authorize(req.actor!, "read", "User", subject);
    res.json(presentUser(user));
  });

  router.post("/", async (req, res) => {
    authorize(req.actor!, "create", "User");
    const { user, temporaryPassword } = await createUser(services, {
      origin: originOf(req),
      user: parse(createUserBody, req.body, req),
    });
    res
      .status(201)
      .json({ user: presentUser(user), temporaryPassword: temporaryPassword ?? null } satisfies CreatedUser);
  });

  router.patch("/:id", async (req, res) => {
    const { subject } = await loadUser(parse(uuidParam, req.params, req).id);
    const body = parse(updateUserBody, req.body, req);
    authorize(req.actor!, body.active === false ? "deactivate" : "update", "User", subject);
    res.json(presentUser(await updateUser(services, { origin: originOf(req), userId: subject.id, changes: body })));
  });

  router.post("/:id/reset-password", async (req, res) => {
    const { subject } = await loadUser(parse(uuidParam, req.params, req).id);
    authorize(req.actor!, "resetPassword", "User", subject);
    res.json(await resetUserPassword(services, { origin: originOf(req), userId: subject.id }));
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "User" },
      summary: "List users",
      permission: { action: "list", model: "User" },
      query: listUsersQuery,
    },
    "GET /:id": { response: "User", summary: "One user", permission: { action: "read", model: "User" } },
    "POST /": {
      response: "CreatedUser",
      summary: "Create a user",
      permission: { action: "create", model: "User" },
      body: createUserBody,
      status: 201,
    },
    "PATCH /:id": {
      response: "User",
      summary: "Update a user (active: false deactivates: policy User:deactivate)",
      permission: { action: "update", model: "User" },
      body: updateUserBody,
    },
    "POST /:id/reset-password": {
      response: "PasswordReset",
      summary: "Reset a user's password (a temporary one, sent by e-mail)",
      permission: { action: "resetPassword", model: "User" },
    },
  });

  return router;
}
