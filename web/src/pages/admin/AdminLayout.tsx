import { Navigate, Outlet } from "react-router-dom";
import { NavList } from "@web/components/NavList";
import { useI18n } from "@web/i18n";
import { ADMIN_SECTIONS } from "@web/navigation";
import { useSignedIn } from "@web/session/SessionProvider";

/** Administration: units, users and the audit log, each for whoever may open it. */
export function AdminLayout() {
  const { t } = useI18n();
  return (
    <>
      <NavList label={t("admin.navLabel")} className="sub-nav" sections={ADMIN_SECTIONS} />
      <Outlet />
    </>
  );
}

export function AdminIndex() {
  const { abilities } = useSignedIn();
  const first = ADMIN_SECTIONS.find((section) => section.allowed(abilities));
  return <Navigate to={first?.path ?? "/"} replace />;
}
