/**
 * WordPress REST API errors: {"code","message","data":{"status",...}}.
 * https://developer.wordpress.org/rest-api/using-the-rest-api/global-parameters/#_envelope
 */
import type { Response } from "express";

export class WpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body() {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.data } };
  }
}

export function sendWpError(res: Response, error: WpError): void {
  res.status(error.status).json(error.body());
}

export const wpErrors = {
  invalidParams: (params: Record<string, string>) =>
    new WpError(400, "rest_invalid_param", `Invalid parameter(s): ${Object.keys(params).join(", ")}`, { params }),
  missingParams: (names: string[]) =>
    new WpError(400, "rest_missing_callback_param", `Missing parameter(s): ${names.join(", ")}`, { params: names }),
  noRoute: () => new WpError(404, "rest_no_route", "No route was found matching the URL and request method."),
  invalidPostId: () => new WpError(404, "rest_post_invalid_id", "Invalid post ID."),
  invalidJson: () => new WpError(400, "rest_invalid_json", "Invalid JSON body passed."),
  status: (status: number) =>
    new WpError(
      status,
      status >= 500 ? "internal_server_error" : "rest_error",
      status >= 500 ? "There has been a critical error on this website." : "The request failed.",
    ),
};
