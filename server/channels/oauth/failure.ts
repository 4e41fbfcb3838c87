/** Why an OAuth connection did not happen; the web page shows each code as a localised message. */
export const OAUTH_FAILURES = [
  /** The admin pressed cancel on the platform's page. */
  "access_denied",
  /** The state or its cookie is missing, expired, forged, or belongs to another session. */
  "invalid_state",
  /** The platform refused the code or token, or could not be reached. */
  "platform_error",
  /** The Facebook account manages no Page. */
  "no_pages",
  /** This installation has no app configured for the platform. */
  "not_configured",
] as const;

export type OAuthFailureCode = (typeof OAUTH_FAILURES)[number];

export class OAuthFailure extends Error {
  constructor(
    readonly code: OAuthFailureCode,
    message: string = code,
  ) {
    super(message);
    this.name = "OAuthFailure";
  }
}
