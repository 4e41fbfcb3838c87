import { Router, type Request } from "express";
import { answerObjection, fileObjection, recordDispute, updateDispute } from "@server/commands/ppidObjections.js";
import { AppError } from "@server/errors.js";
import { authorize, ppidObjectionListWhere } from "@server/policies/index.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { caseSubject, loadCase, type PpidCase, type PpidCaseObjection, ppidCaseInclude } from "@server/ppid/cases.js";
import type { ObjectionReason } from "@server/ppid/codes.js";
import { objectionLetterExists, renderObjectionLetter } from "@server/ppid/letters.js";
import { objectionViewWhere } from "@server/ppid/listing.js";
import { presentPpidObjection } from "@server/presenters/ppidObjection.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { namesOf, presentCase } from "./present.js";
import {
  answerBody,
  disputeBody,
  disputeOutcomeBody,
  hearingBody,
  listObjectionsQuery,
  objectionBody,
  objectionLetterParams,
} from "./schema.js";
import { sendPdf } from "./send.js";
import { describeRoutes } from "@server/openapi/describe.js";

const objectionInclude = { request: { include: ppidCaseInclude } } as const;

/** Objections: the atasan PPID's list and answers, paper objections, disputes at the Komisi Informasi. */
export function ppidObjectionRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function present(req: Request, request: PpidCase, objection: PpidCaseObjection) {
    const calendar = await officeCalendar(prisma);
    const names = await namesOf(
      services,
      [objection.answeredById].filter((id): id is string => !!id),
    );
    return presentPpidObjection(request, objection, req.actor!, { calendar, now: new Date(), names });
  }

  /** The objection and its case, if the caller may read it (and, when asked, act on it so). */
  async function load(req: Request, action?: "answer" | "handle") {
    const { id } = parse(uuidParam, req.params, req);
    const found = await prisma.ppidObjection.findUnique({ where: { id }, select: { requestId: true } });
    if (!found) throw new AppError("not_found");
    const request = await loadCase(prisma, found.requestId);
    const objection = request.objections.find((candidate) => candidate.id === id)!;
    authorize(req.actor!, "read", "PpidObjection", caseSubject(request));
    if (action) authorize(req.actor!, action, "PpidObjection", caseSubject(request));
    return { request, objection };
  }

  router.get("/objections", async (req, res) => {
    authorize(req.actor!, "list", "PpidObjection");
    const { cursor, view, limit } = parse(listObjectionsQuery, req.query, req);
    const calendar = await officeCalendar(prisma);
    const now = new Date();
    const after = decodeCursor(cursor, cursorKeys.timeAndId);
    const rows = await prisma.ppidObjection.findMany({
      where: {
        AND: [
          ppidObjectionListWhere(req.actor!),
          objectionViewWhere(view, req.actor!, calendar, now),
          after ? { OR: [{ filedAt: { lt: after.at } }, { filedAt: after.at, id: { lt: after.id } }] } : {},
        ],
      },
      include: objectionInclude,
      orderBy: [{ filedAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    });
    const result = page(rows, limit, (row) => `${row.filedAt.toISOString()}|${row.id}`);
    const names = await namesOf(
      services,
      result.data.flatMap((row) => (row.answeredById ? [row.answeredById] : [])),
    );
    res.json({
      data: result.data.map((row) => {
        const objection = row.request.objections.find((candidate) => candidate.id === row.id)!;
        return presentPpidObjection(row.request, objection, req.actor!, { calendar, now, names });
      }),
      nextCursor: result.nextCursor,
    });
  });

  router.get("/objections/:id", async (req, res) => {
    const { request, objection } = await load(req);
    res.json(await present(req, request, objection));
  });

  // An objection that came on paper or in person, registered by the PPID holding the case.
  router.post("/requests/:id/objections", async (req, res) => {
    const request = await loadCase(prisma, parse(uuidParam, req.params, req).id);
    authorize(req.actor!, "read", "PpidRequest", caseSubject(request));
    authorize(req.actor!, "handle", "PpidObjection", caseSubject(request));
    const body = parse(objectionBody, req.body, req);
    const filed = await fileObjection(services, {
      origin: originOf(req),
      requestId: request.id,
      channel: body.channel,
      objection: { ...body, reasons: body.reasons as ObjectionReason[] },
    });
    res.status(201).json(await presentCase(services, req, filed.request));
  });

  router.post("/objections/:id/answer", async (req, res) => {
    const { objection } = await load(req, "answer");
    const body = parse(answerBody, req.body, req);
    const answered = await answerObjection(services, { origin: originOf(req), objectionId: objection.id, ...body });
    res.json(await present(req, answered.request, answered.objection));
  });

  router.post("/objections/:id/dispute", async (req, res) => {
    const { objection } = await load(req, "handle");
    const dispute = parse(disputeBody, req.body, req);
    const recorded = await recordDispute(services, { origin: originOf(req), objectionId: objection.id, dispute });
    res.status(201).json(await present(req, recorded.request, recorded.objection));
  });

  router.post("/objections/:id/dispute/hearings", async (req, res) => {
    const { objection } = await load(req, "handle");
    const hearing = parse(hearingBody, req.body, req);
    const updated = await updateDispute(services, { origin: originOf(req), objectionId: objection.id, hearing });
    res.status(201).json(await present(req, updated.request, updated.objection));
  });

  router.post("/objections/:id/dispute/outcome", async (req, res) => {
    const { objection } = await load(req, "handle");
    const outcome = parse(disputeOutcomeBody, req.body, req);
    const updated = await updateDispute(services, { origin: originOf(req), objectionId: objection.id, outcome });
    res.json(await present(req, updated.request, updated.objection));
  });

  router.get("/objections/:id/letters/:letter", async (req, res) => {
    const { letter } = parse(objectionLetterParams, req.params, req);
    const { request, objection } = await load(req);
    if (!objectionLetterExists(objection, letter)) throw new AppError("not_found");
    const rendered = await renderObjectionLetter(services, request, objection, letter, { withAccessCode: false });
    sendPdf(res, rendered.filename, rendered.pdf);
  });

  describeRoutes(router, {
    "GET /objections": {
      response: { page: "PpidObjection" },
      summary: "List objections (keberatan)",
      permission: { action: "list", model: "PpidObjection" },
      query: listObjectionsQuery,
    },
    "GET /objections/:id": {
      response: "PpidObjection",
      summary: "One objection",
      permission: { action: "read", model: "PpidObjection" },
    },
    "POST /requests/:id/objections": {
      response: "PpidRequest",
      summary: "Register an objection that came on paper or in person",
      permission: { action: "handle", model: "PpidObjection" },
      body: objectionBody,
      status: 201,
    },
    "POST /objections/:id/answer": {
      response: "PpidObjection",
      summary: "The atasan PPID's answer to an objection",
      description: "Only the atasan PPID named for the case's unit (its `ppidSuperiorId`), whatever their role.",
      permission: { action: "answer", model: "PpidObjection" },
      body: answerBody,
    },
    "POST /objections/:id/dispute": {
      response: "PpidObjection",
      summary: "Record that the applicant took the objection to the Information Commission",
      permission: { action: "handle", model: "PpidObjection" },
      body: disputeBody,
      status: 201,
    },
    "POST /objections/:id/dispute/hearings": {
      response: "PpidObjection",
      summary: "Record a hearing of the dispute",
      permission: { action: "handle", model: "PpidObjection" },
      body: hearingBody,
      status: 201,
    },
    "POST /objections/:id/dispute/outcome": {
      response: "PpidObjection",
      summary: "Record the dispute's outcome",
      permission: { action: "handle", model: "PpidObjection" },
      body: disputeOutcomeBody,
    },
    "GET /objections/:id/letters/:letter": {
      summary: "An objection's letter as PDF",
      permission: { action: "read", model: "PpidObjection" },
      produces: "application/pdf",
    },
  });

  return router;
}
