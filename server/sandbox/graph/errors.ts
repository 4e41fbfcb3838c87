/**
 * Graph API errors in the documented shape:
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 * Graph answers most errors, including OAuthException, with HTTP 400.
 */
import { randomBytes } from "node:crypto";
import type { Response } from "express";

export interface GraphErrorFields {
  message: string;
  type: "OAuthException" | "GraphMethodException" | "GraphException" | "IGApiException";
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  /** WhatsApp Cloud API errors carry their details here. */
  error_data?: { messaging_product: "whatsapp"; details: string };
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly fields: GraphErrorFields,
    readonly headers: Record<string, string> = {},
  ) {
    super(fields.message);
  }

  body(): { error: GraphErrorFields & { fbtrace_id: string } } {
    return { error: { ...this.fields, fbtrace_id: randomBytes(12).toString("base64url") } };
  }
}

export function sendGraphError(res: Response, error: GraphError): void {
  res.status(error.status).set(error.headers).json(error.body());
}

const oauth = (message: string, code: number, subcode?: number, headers: Record<string, string> = {}) =>
  new GraphError(
    400,
    { message, type: "OAuthException", code, ...(subcode ? { error_subcode: subcode } : {}) },
    headers,
  );

/** Graph also signals token problems in WWW-Authenticate, as RFC 6750 asks. */
const invalidTokenHeader = (description: string) => ({
  "WWW-Authenticate": `OAuth "Facebook Platform" "invalid_token" "${description}"`,
});

export const graphErrors = {
  missingToken: () => oauth("An access token is required to request this resource.", 104),
  invalidToken: () =>
    oauth(
      "Invalid OAuth access token - Cannot parse access token",
      190,
      undefined,
      invalidTokenHeader("Invalid OAuth access token"),
    ),
  expiredToken: (now: Date) =>
    oauth(
      `Error validating access token: Session has expired. The current time is ${now.toUTCString()}.`,
      190,
      463,
      invalidTokenHeader("Session has expired"),
    ),
  revokedToken: () =>
    oauth(
      "Error validating access token: The user has not authorized application.",
      190,
      458,
      invalidTokenHeader("The user has not authorized application"),
    ),
  invalidParameter: (message: string, subcode?: number) => oauth(`(#100) ${message}`, 100, subcode),
  unsupportedRequest: (method: string, id: string) =>
    new GraphError(400, {
      message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
    }),
  nonexistingField: (field: string, typeName: string) =>
    oauth(`(#100) Tried accessing nonexisting field (${field}) on node type (${typeName})`, 100),
  unknownPath: (path: string) => oauth(`Unknown path components: ${path}`, 2500),
  unknownVersion: (version: string) => oauth(`Unknown path components: /${version}`, 2500),
  rateLimited: (code: 4 | 17 | 32 | 613) => {
    const messages = {
      4: "(#4) Application request limit reached",
      17: "(#17) User request limit reached",
      32: "(#32) Page request limit reached",
      613: "(#613) Calls to this api have exceeded the rate limit.",
    } as const;
    return new GraphError(400, { message: messages[code], type: "OAuthException", code, is_transient: true });
  },
  /** The generic transient errors Graph documents (codes 1 and 2), used by injected faults. */
  transient: (status: number) =>
    new GraphError(status, {
      message:
        status >= 500
          ? "An unexpected error has occurred. Please retry your request later."
          : "An unknown error occurred",
      type: "OAuthException",
      code: status >= 500 ? 2 : 1,
      is_transient: true,
    }),
};
