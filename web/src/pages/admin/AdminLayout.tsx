import { Navigate, NavLink, Outlet } from "react-router-dom";
import { useI18n } from "../../i18n";
import { ADMIN_SECTIONS } from "../../navigation";
import { useSignedIn } from "../../session/SessionProvider";

/** Administration: units, users and the audit log, each for whoever may open it. */
export function AdminLayout() {
  const { t } = useI18n();
  const { abilities } = useSignedIn();
  const sections = ADMIN_SECTIONS.filter((section) => section.allowed(abilities));
  return (
    <>
      <nav aria-label={t("admin.navLabel")} className="sub-nav">
        <ul>
          {sections.map((section) => (
            <li key={section.path}>
              <NavLink to={section.path} data-testid={section.testId}>
                {t(section.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function AdminIndex() {
  const { abilities } = useSignedIn();
  const first = ADMIN_SECTIONS.find((section) => section.allowed(abilities));
  return <Navigate to={first?.path ?? "/"} replace />;
}
