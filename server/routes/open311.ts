import express, { Router, type ErrorRequestHandler, type Request } from "express";
import { countHit } from "@server/auth/rateLimit.js";
import { AppError } from "@server/errors.js";
import { fileOpen311Request, readPost } from "@server/open311/filing.js";
import { formatOf, send311, send311Error, type Format } from "@server/open311/format.js";
import { findPublicRequest, idsOf, listPublicRequests, type RequestFilters } from "@server/open311/requests.js";
import { isServiceCode, listServices, serviceDefinition } from "@server/open311/services.js";
import { OPEN311_WORDS, open311Locale } from "@server/open311/words.js";
import type { Services } from "@server/services.js";
import { actorOfApiToken } from "./middleware/authenticate.js";
import { countIpHit } from "./public/citizenPages.js";
import { LOOKUP_LIMIT } from "./public/tracking.js";

// Like the aspiration form, filing is rate limited; per api_key, as one app files for many citizens.
const POST_LIMIT = { limit: 60, windowMs: 60 * 60_000 };

/** The format the address ends in; an unknown one is refused (404, in JSON). */
function formatOrRefuse(req: Request): Format {
  const format = formatOf(req.params.format as string | undefined);
  if (!format) throw new AppError("open311_format_unknown");
  return format;
}

const commaList = (value: unknown) =>
  typeof value === "string" && value.trim()
    ? value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean)
    : undefined;

function dateParam(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const date = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  // Years the database and a 90-day span before them both hold.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) {
    throw new AppError("open311_date_invalid", { field: name });
  }
  return date;
}

function filtersOf(query: Request["query"]): RequestFilters {
  const statuses = commaList(query.status);
  if (statuses?.some((status) => status !== "open" && status !== "closed")) {
    throw new AppError("open311_status_invalid");
  }
  return {
    ids: commaList(query.service_request_id),
    serviceCodes: commaList(query.service_code),
    start: dateParam(query.start_date, "start_date"),
    end: dateParam(query.end_date, "end_date"),
    statuses: statuses as RequestFilters["statuses"],
  };
}

/**
 * A tracking number asked for by the public is a guess at someone's /lacak page unless it is
 * theirs: each counts against the tracking page's lookup limit for the address.
 */
async function countTrackingLookups(services: Services, req: Request, ids: string[] | undefined): Promise<void> {
  const lookups = idsOf(ids ?? []).trackingNumbers.length;
  for (let lookup = 0; lookup < lookups; lookup++) {
    const hit = await countIpHit(services, req, LOOKUP_LIMIT);
    if (!hit.allowed) throw new AppError("rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
  }
}

/** Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): services, and reports filed as web reports. */
export function open311Routes(services: Services): Router {
  const router = Router();
  const requestTags = { root: "service_requests", item: "request" };
  router.use((req, _res, next) => {
    req.locale = open311Locale(req);
    next();
  });

  router.get("/services.:format", (req, res) => {
    send311(res, formatOrRefuse(req), listServices(req.locale), { root: "services", item: "service" });
  });

  router.get("/services/:code.:format", (req, res) => {
    const format = formatOrRefuse(req);
    const code = req.params.code as string;
    if (!isServiceCode(code)) throw new AppError("open311_service_unknown", { value: code });
    send311(res, format, serviceDefinition(code), { root: "service_definition", item: null, nestedItem: "attribute" });
  });

  router.get("/requests.:format", async (req, res) => {
    const format = formatOrRefuse(req);
    const filters = filtersOf(req.query);
    await countTrackingLookups(services, req, filters.ids);
    send311(res, format, await listPublicRequests(services, filters, req.locale), requestTags);
  });

  router.get("/requests/:id.:format", async (req, res) => {
    const format = formatOrRefuse(req);
    const id = req.params.id as string;
    await countTrackingLookups(services, req, [id]);
    const request = await findPublicRequest(services, id, req.locale);
    if (!request) throw new AppError("open311_request_unknown");
    send311(res, format, [request], requestTags);
  });

  // The spec sends form-encoded fields; JSON is taken too.
  const body = [express.urlencoded({ extended: false, limit: "100kb" }), express.json({ limit: "100kb" })];
  router.post("/requests.:format", ...body, async (req, res) => {
    const format = formatOrRefuse(req);
    // A `locale` field in the body counts as one in the query.
    req.locale = open311Locale(req);
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const key = typeof fields.api_key === "string" ? fields.api_key.trim() : "";
    const filer = key ? await actorOfApiToken(services, key) : null;
    if (!filer) throw new AppError("open311_api_key_invalid");
    if (!filer.token?.scopes.includes("inbox")) {
      throw new AppError("token_scope_missing", { scope: "inbox" });
    }
    const hit = await countHit(
      services.prisma,
      `open311:token:${filer.token.id}`,
      POST_LIMIT.limit,
      POST_LIMIT.windowMs,
    );
    if (!hit.allowed) throw new AppError("rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
    const post = readPost(fields, req.locale);
    const { itemId, trackingNumber } = await fileOpen311Request(services, post, filer, {
      actor: null,
      label: `warga (Open311, token ${filer.token.id})`,
      ip: req.ip,
      requestId: String(req.id),
    });
    // The public reference, as GET shows it; the tracking number, the citizen's own key to
    // /lacak, only here, in the notice for the filer to pass on.
    const trackingUrl = `${services.config.publicBaseUrl}/lacak/${trackingNumber}`;
    const notice = OPEN311_WORDS[req.locale].serviceNotice(trackingNumber, trackingUrl);
    send311(res, format, [{ service_request_id: itemId, service_notice: notice, account_id: null }], requestTags, 201);
  });

  // Every refusal in the spec's error shape, in the format and language asked for.
  const refuse: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const format = formatOf(req.params?.format as string | undefined) ?? (req.path.endsWith(".xml") ? "xml" : "json");
    const locale = req.locale ?? "id";
    if (error instanceof AppError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (typeof retryAfter === "number") res.setHeader("Retry-After", String(retryAfter));
      return send311Error(res, format, error.status, error.messageIn(locale));
    }
    const status = (error as { status?: number }).status;
    if (status && status < 500)
      return send311Error(res, format, status, new AppError("open311_body_unreadable").messageIn(locale));
    next(error);
  };
  router.use(refuse);
  router.use((req, res) =>
    send311Error(
      res,
      req.path.endsWith(".xml") ? "xml" : "json",
      404,
      new AppError("open311_address_unknown").messageIn(req.locale ?? "id"),
    ),
  );
  return router;
}
