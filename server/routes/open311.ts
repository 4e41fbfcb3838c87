import express, { Router, type ErrorRequestHandler, type Request, type Response } from "express";
import { countHit } from "@server/auth/rateLimit.js";
import { AppError } from "@server/errors.js";
import { fileOpen311Request, Open311Refusal, readPost } from "@server/open311/filing.js";
import { formatOf, send311, send311Error, type Format } from "@server/open311/format.js";
import { findPublicRequest, listPublicRequests, type RequestFilters } from "@server/open311/requests.js";
import { isServiceCode, listServices, serviceDefinition } from "@server/open311/services.js";
import type { Services } from "@server/services.js";
import { actorOfApiToken } from "./middleware/authenticate.js";

// Like the aspiration form, filing is rate limited; per api_key, as one app files for many citizens.
const POST_LIMIT = { limit: 60, windowMs: 60 * 60_000 };
const SERVICE_NOTICE =
  "Laporan diterima dan akan ditelaah petugas. Ikuti perkembangannya dengan nomor ini di halaman Lacak laporan.";

/** The format the address ends in, or an answer that it is unknown (404, in JSON). */
function formatOrRefuse(req: Request, res: Response): Format | null {
  const format = formatOf(req.params.format as string | undefined);
  if (!format) send311Error(res, "json", 404, "Unknown format: use .json or .xml");
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
    throw new Open311Refusal(`${name}: not a W3C date-time (e.g. 2026-12-01T00:00:00Z)`);
  }
  return date;
}

function filtersOf(query: Request["query"]): RequestFilters {
  const statuses = commaList(query.status);
  if (statuses?.some((status) => status !== "open" && status !== "closed")) {
    throw new Open311Refusal("status: open or closed");
  }
  return {
    ids: commaList(query.service_request_id),
    serviceCodes: commaList(query.service_code),
    start: dateParam(query.start_date, "start_date"),
    end: dateParam(query.end_date, "end_date"),
    statuses: statuses as RequestFilters["statuses"],
  };
}

/** Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): services, and reports filed as web reports. */
export function open311Routes(services: Services): Router {
  const router = Router();
  const requestTags = { root: "service_requests", item: "request" };

  router.get("/services.:format", (req, res) => {
    const format = formatOrRefuse(req, res);
    if (format) send311(res, format, listServices(), { root: "services", item: "service" });
  });

  router.get("/services/:code.:format", (req, res) => {
    const format = formatOrRefuse(req, res);
    if (!format) return;
    const code = req.params.code as string;
    if (!isServiceCode(code)) return send311Error(res, format, 404, `Unknown service_code: ${code}`);
    send311(res, format, serviceDefinition(code), { root: "service_definition", item: null, nestedItem: "attribute" });
  });

  router.get("/requests.:format", async (req, res) => {
    const format = formatOrRefuse(req, res);
    if (format) send311(res, format, await listPublicRequests(services, filtersOf(req.query)), requestTags);
  });

  router.get("/requests/:id.:format", async (req, res) => {
    const format = formatOrRefuse(req, res);
    if (!format) return;
    const request = await findPublicRequest(services, req.params.id as string);
    if (!request) return send311Error(res, format, 404, "Unknown service_request_id");
    send311(res, format, [request], requestTags);
  });

  // The spec sends form-encoded fields; JSON is taken too.
  const body = [express.urlencoded({ extended: false, limit: "100kb" }), express.json({ limit: "100kb" })];
  router.post("/requests.:format", ...body, async (req, res) => {
    const format = formatOrRefuse(req, res);
    if (!format) return;
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const key = typeof fields.api_key === "string" ? fields.api_key.trim() : "";
    const filer = key ? await actorOfApiToken(services, key) : null;
    if (!filer)
      return send311Error(res, format, 403, "Invalid api_key received: use a Siar API token with the inbox scope");
    if (!filer.token?.scopes.includes("inbox")) {
      throw new AppError("token_scope_missing", { scope: "inbox" });
    }
    const hit = await countHit(
      services.prisma,
      `open311:token:${filer.token.id}`,
      POST_LIMIT.limit,
      POST_LIMIT.windowMs,
    );
    if (!hit.allowed) {
      res.setHeader("Retry-After", String(hit.retryAfterSeconds));
      throw new AppError("rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
    }
    const post = readPost(fields);
    const { trackingNumber } = await fileOpen311Request(services, post, filer, {
      actor: null,
      label: `warga (Open311, token ${filer.token.id})`,
      ip: req.ip,
      requestId: String(req.id),
    });
    send311(
      res,
      format,
      [{ service_request_id: trackingNumber, service_notice: SERVICE_NOTICE, account_id: null }],
      requestTags,
      201,
    );
  });

  // Every refusal in the spec's error shape, in the format asked for.
  const refuse: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const format = formatOf(req.params?.format as string | undefined) ?? (req.path.endsWith(".xml") ? "xml" : "json");
    if (error instanceof Open311Refusal) return send311Error(res, format, 400, error.message);
    if (error instanceof AppError) return send311Error(res, format, error.status, error.messageIn(req.locale ?? "id"));
    const status = (error as { status?: number }).status;
    if (status && status < 500) return send311Error(res, format, status, "The request body cannot be read");
    next(error);
  };
  router.use(refuse);
  router.use((req, res) =>
    send311Error(res, req.path.endsWith(".xml") ? "xml" : "json", 404, "Unknown Open311 address"),
  );
  return router;
}
