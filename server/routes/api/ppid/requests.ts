import { Router, type Request } from "express";
import { recordAudit } from "@server/audit/record.js";
import { decidePpidRequest } from "@server/commands/ppidDecisions.js";
import {
  createPpidRequest,
  defaultPpidUnit,
  extendPpidRequest,
  forwardPpidRequest,
  renewAccessCode,
  setPublicSummary,
} from "@server/commands/ppidRequests.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { caseSubject, loadCase, type PpidCase } from "@server/ppid/cases.js";
import { openIdentity } from "@server/ppid/identity.js";
import { renderRequestLetter, requestLetterExists, trackingPath } from "@server/ppid/letters.js";
import { listRequests } from "@server/ppid/listing.js";
import { presentPpidRequestRow } from "@server/presenters/ppidRequest.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import {
  createRequestBody,
  decideBody,
  extendBody,
  forwardBody,
  letterParams,
  listRequestsQuery,
  updateRequestBody,
} from "./schema.js";
import { presentCase } from "./present.js";
import { sendPdf } from "./send.js";
import type { PpidIdentity, PpidRequestWithAccessCode } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Staff's side of information requests: the list, the case, and each step of handling it. */
export function ppidRequestRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  /** The case, if the caller may read it. */
  async function readable(req: Request): Promise<PpidCase> {
    const request = await loadCase(prisma, parse(uuidParam, req.params, req).id);
    authorize(req.actor!, "read", "PpidRequest", caseSubject(request));
    return request;
  }

  /** The case, if the caller may also do this to it. */
  async function permitted(req: Request, action: "handle" | "forward" | "readIdentity"): Promise<PpidCase> {
    const request = await readable(req);
    authorize(req.actor!, action, "PpidRequest", caseSubject(request));
    return request;
  }

  const present = (req: Request, request: PpidCase) => presentCase(services, req, request);

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "PpidRequest");
    const { cursor, ...filters } = parse(listRequestsQuery, req.query, req);
    const calendar = await officeCalendar(prisma);
    const now = new Date();
    const rows = await listRequests(
      prisma,
      req.actor!,
      { ...filters, after: decodeCursor(cursor, cursorKeys.timeAndId) },
      calendar,
      now,
    );
    const result = page(rows, filters.limit, (row) => `${row.receivedAt.toISOString()}|${row.id}`);
    res.json({
      data: result.data.map((row) => presentPpidRequestRow(row, { calendar, now, names: new Map() })),
      nextCursor: result.nextCursor,
    });
  });

  // Staff register a request that came in person, by phone, letter, e-mail or social media.
  router.post("/", async (req, res) => {
    const body = parse(createRequestBody, req.body, req);
    const actor = req.actor!;
    const target = body.unitId
      ? await prisma.unit.findUnique({ where: { id: body.unitId } })
      : await defaultPpidUnit(prisma);
    if (!target) throw new AppError("not_found", { field: "unitId" });
    authorize(actor, "create", "PpidRequest", { unitPath: target.path, superiorId: null });
    if (body.inboxItemId) {
      const item = await prisma.inboxItem.findUnique({ where: { id: body.inboxItemId }, include: { unit: true } });
      if (!item) throw new AppError("not_found", { field: "inboxItemId" });
      authorize(actor, "read", "InboxItem", { unitPath: item.unit?.path ?? null });
    }
    if (body.receivedAt && body.receivedAt > new Date())
      throw new AppError("validation_failed", [
        { path: "receivedAt", message: "tidak boleh di masa depan / not in the future" },
      ]);
    const { request, accessCode } = await createPpidRequest(services, {
      origin: originOf(req),
      input: body.applicant,
      channel: body.channel,
      unitId: target.id,
      receivedAt: body.receivedAt,
      inboxItemId: body.inboxItemId,
    });
    res.status(201).json({
      request: await present(req, request),
      accessCode,
      trackingPath: trackingPath(request.registrationNumber, accessCode),
    } satisfies PpidRequestWithAccessCode);
  });

  router.get("/:id", async (req, res) => {
    res.json(await present(req, await readable(req)));
  });

  // The full identity number, for the PPID holding the case; every look is in the audit log.
  router.get("/:id/identity", async (req, res) => {
    const request = await permitted(req, "readIdentity");
    await recordAudit(prisma, originOf(req), {
      action: "ppid_request.identity_viewed",
      targetType: "PpidRequest",
      targetId: request.id,
      unitId: request.unitId,
    });
    res.json({
      identityType: request.identityType,
      identityNumber: openIdentity(services.secretBox, request.identityNumberSealed),
    } satisfies PpidIdentity);
  });

  router.patch("/:id", async (req, res) => {
    const request = await permitted(req, "handle");
    const { publicSummary } = parse(updateRequestBody, req.body, req);
    res.json(
      await present(
        req,
        await setPublicSummary(services, {
          origin: originOf(req),
          requestId: request.id,
          publicSummary: publicSummary ?? null,
        }),
      ),
    );
  });

  router.post("/:id/forward", async (req, res) => {
    const request = await permitted(req, "forward");
    const body = parse(forwardBody, req.body, req);
    res.json(
      await present(req, await forwardPpidRequest(services, { origin: originOf(req), requestId: request.id, ...body })),
    );
  });

  router.post("/:id/extend", async (req, res) => {
    const request = await permitted(req, "handle");
    const { reason } = parse(extendBody, req.body, req);
    res.json(
      await present(req, await extendPpidRequest(services, { origin: originOf(req), requestId: request.id, reason })),
    );
  });

  router.post("/:id/decide", async (req, res) => {
    const request = await permitted(req, "handle");
    const notice = parse(decideBody, req.body, req);
    res.json(
      await present(req, await decidePpidRequest(services, { origin: originOf(req), requestId: request.id, notice })),
    );
  });

  // A new access code for an applicant who lost theirs: shown once, here.
  router.post("/:id/access-code", async (req, res) => {
    const request = await permitted(req, "handle");
    const renewed = await renewAccessCode(services, { origin: originOf(req), requestId: request.id });
    res.json({
      request: await present(req, renewed.request),
      accessCode: renewed.accessCode,
      trackingPath: trackingPath(renewed.request.registrationNumber, renewed.accessCode),
    } satisfies PpidRequestWithAccessCode);
  });

  router.get("/:id/letters/:letter", async (req, res) => {
    const { letter } = parse(letterParams, req.params, req);
    const request = await readable(req);
    if (!requestLetterExists(request, letter)) throw new AppError("not_found");
    // The access code is the applicant's: staff copies of the receipt leave it out.
    const rendered = await renderRequestLetter(services, request, letter, { withAccessCode: false });
    sendPdf(res, rendered.filename, rendered.pdf);
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "PpidRequestRow" },
      summary: "List information requests",
      permission: { action: "list", model: "PpidRequest" },
      query: listRequestsQuery,
    },
    "POST /": {
      response: "PpidRequestWithAccessCode",
      summary: "Register a request that came in person, by phone, letter, e-mail or social media",
      permission: { action: "create", model: "PpidRequest" },
      body: createRequestBody,
      status: 201,
    },
    "GET /:id": {
      response: "PpidRequest",
      summary: "One information request",
      permission: { action: "read", model: "PpidRequest" },
    },
    "GET /:id/identity": {
      response: "PpidIdentity",
      summary: "The applicant's full identity number (audited)",
      permission: { action: "readIdentity", model: "PpidRequest" },
    },
    "PATCH /:id": {
      response: "PpidRequest",
      summary: "Update the public summary of a request",
      permission: { action: "handle", model: "PpidRequest" },
      body: updateRequestBody,
    },
    "POST /:id/forward": {
      response: "PpidRequest",
      summary: "Forward a request to another PPID",
      permission: { action: "forward", model: "PpidRequest" },
      body: forwardBody,
    },
    "POST /:id/extend": {
      response: "PpidRequest",
      summary: "Extend a request's deadline",
      permission: { action: "handle", model: "PpidRequest" },
      body: extendBody,
    },
    "POST /:id/decide": {
      response: "PpidRequest",
      summary: "Decide a request (the written notice)",
      permission: { action: "handle", model: "PpidRequest" },
      body: decideBody,
    },
    "POST /:id/access-code": {
      response: "PpidRequestWithAccessCode",
      summary: "A new access code for an applicant who lost theirs (shown once)",
      permission: { action: "handle", model: "PpidRequest" },
    },
    "GET /:id/letters/:letter": {
      summary: "A request's letter (receipt, notice, …) as PDF",
      permission: { action: "read", model: "PpidRequest" },
      produces: "application/pdf",
    },
  });

  return router;
}
