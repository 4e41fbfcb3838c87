import { Navigate, Outlet } from "react-router-dom";
import { NavList } from "@web/components/NavList";
import { useI18n } from "@web/i18n";
import { PPID_SECTIONS } from "@web/navigation";
import { useSignedIn } from "@web/session/SessionProvider";

/** The PPID's desk: the information list, profiles, requests, objections and reports, each for whoever may open it. */
export function PpidLayout() {
  const { t } = useI18n();
  return (
    <>
      <NavList label={t("dip.views")} className="sub-nav" sections={PPID_SECTIONS} />
      <Outlet />
    </>
  );
}

export function PpidIndex() {
  const { abilities } = useSignedIn();
  const first = PPID_SECTIONS.find((section) => section.allowed(abilities));
  return <Navigate to={first?.path ?? "/"} replace />;
}
