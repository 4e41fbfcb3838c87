import type { Request, Response } from "express";
import { countHit } from "@server/auth/rateLimit.js";
import { loadCase, type PpidCase } from "@server/ppid/cases.js";
import { GRANTING_DECISIONS } from "@server/ppid/codes.js";
import { trackingPath } from "@server/ppid/letters.js";
import { normalizeAccessCode, normalizeRegistrationNumber } from "@server/ppid/numbers.js";
import { accessCodeMatches } from "@server/ppid/numbers.js";
import type { Services } from "@server/services.js";

// A case opens to whoever holds its registration number and access code. Failed attempts are
// counted per address, so that codes cannot be tried at scale; successful ones cost nothing.

const FAILED_LOOKUPS = { limit: 20, windowMs: 15 * 60_000 };

export type Opened = { request: PpidCase; base: string };

/** The case named in the address, or null (the caller answers 404 or 429 as `refused` says). */
export async function openCase(
  services: Services,
  req: Request,
): Promise<{ opened: Opened } | { refused: "not_found" | "too_many" }> {
  const number = normalizeRegistrationNumber(String(req.params.nomor ?? ""));
  const code = normalizeAccessCode(String(req.params.kode ?? ""));
  const found =
    number && code
      ? await services.prisma.ppidRequest.findUnique({
          where: { registrationNumber: number },
          select: { id: true, accessCodeSealed: true },
        })
      : null;
  if (found && code && accessCodeMatches(services.secretBox, code, found.accessCodeSealed)) {
    const request = await loadCase(services.prisma, found.id);
    return { opened: { request, base: trackingPath(request.registrationNumber, code) } };
  }
  const hit = await countHit(
    services.prisma,
    `ppid-lacak:ip:${req.ip ?? "unknown"}`,
    FAILED_LOOKUPS.limit,
    FAILED_LOOKUPS.windowMs,
  );
  return { refused: hit.allowed ? "not_found" : "too_many" };
}

/** What the applicant may download: files shared with them, never an original that has a redacted copy. */
export function applicantFiles(request: PpidCase) {
  if (!request.decision || !GRANTING_DECISIONS.includes(request.decision)) return [];
  const redacted = new Set(request.files.flatMap((file) => (file.redactedFromId ? [file.redactedFromId] : [])));
  return request.files.filter((file) => file.shared && !redacted.has(file.id));
}

export function sendPdfDownload(res: Response, filename: string, pdf: Buffer): void {
  res.attachment(filename);
  res.set({ "Content-Type": "application/pdf", "Cache-Control": "private, no-store" }).send(pdf);
}
