import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router-dom";
import type { Abilities } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { useSession } from "@web/session/SessionProvider";

/**
 * Renders its child routes only for a signed-in user. A user who must change their password
 * sees only the change-password page (the server refuses everything else anyway).
 */
export function RequireSession({ passwordChangePage = false }: { passwordChangePage?: boolean }) {
  const { session } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (session === undefined)
    return (
      <p role="status" className="app-loading">
        {t("common.loading")}
      </p>
    );
  if (session === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (session.user.mustChangePassword && !passwordChangePage) return <Navigate to="/change-password" replace />;
  if (!session.user.mustChangePassword && passwordChangePage) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Shows a route only when the session's abilities allow it; otherwise the home page. */
export function RequireAbility({ allowed, children }: { allowed(abilities: Abilities): boolean; children: ReactNode }) {
  const { session } = useSession();
  if (!session || !allowed(session.abilities)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
