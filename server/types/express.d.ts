import type { Actor } from "../auth/actor.js";
import type { Locale } from "../i18n/locale.js";

declare global {
  namespace Express {
    interface Request {
      /** Set by the authenticate middleware when the caller is signed in. */
      actor?: Actor;
      /** CSRF token of the caller's browser session. */
      csrfToken?: string;
      locale: Locale;
    }
  }
}
