import type { Actor } from "@server/auth/actor.js";
import type { Locale } from "@server/i18n/locale.js";

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
