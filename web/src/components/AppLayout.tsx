import { useEffect, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useI18n } from "../i18n";
import { SECTIONS } from "../navigation";
import { useSessionSocket } from "../realtime/useSessionSocket";
import { useSession, useSignedIn } from "../session/SessionProvider";
import { ROLE_LABELS } from "./labels";
import { LanguageSwitch } from "./LanguageSwitch";

/** The signed-in frame: skip link, header, the sections this user may open, and the page. */
export function AppLayout() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { logOut, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useSessionSocket(session.user.id, refresh);

  // On a phone the menu covers the page; close it once a link has been followed.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const sections = SECTIONS.filter((section) => section.allowed(session.abilities));

  return (
    <div className={session.instance.simulatedChannels ? "app app--with-banner" : "app"}>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="app-header">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t("layout.menu")}
        </button>
        <Link to="/" className="brand">
          Siar
        </Link>
        <div className="app-header__user">
          <Link to="/account" className="user-badge" data-testid="current-user">
            <span className="user-badge__name">{session.user.name}</span>
            <span className="user-badge__role">{t(ROLE_LABELS[session.user.role])}</span>
          </Link>
          <LanguageSwitch />
          <button
            type="button"
            className="button--secondary"
            onClick={() => logOut().finally(() => navigate("/login", { replace: true }))}
          >
            {t("layout.logout")}
          </button>
        </div>
      </header>
      {session.instance.simulatedChannels && (
        <p className="demo-banner" role="status" data-testid="simulated-channels-banner">
          {t("layout.simulatedChannels")}
        </p>
      )}
      <nav id="main-nav" aria-label={t("layout.navLabel")} className={menuOpen ? "app-nav app-nav--open" : "app-nav"}>
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
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
