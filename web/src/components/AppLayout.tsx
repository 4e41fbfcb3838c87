import { useEffect, useRef, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useI18n } from "@web/i18n";
import { SECTIONS } from "@web/navigation";
import { RealtimeContext } from "@web/realtime/RealtimeContext";
import { useSessionSocket } from "@web/realtime/useSessionSocket";
import { useSession, useSignedIn } from "@web/session/SessionProvider";
import { ChannelReconnectNotices } from "./ChannelReconnectNotices";
import { EmergencyBanner } from "./EmergencyBanner";
import { ROLE_LABELS } from "./labels";
import { LanguageSwitch } from "./LanguageSwitch";
import { NavList } from "./NavList";

/** The signed-in frame: skip link, header, the sections this user may open, and the page. */
export function AppLayout() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { logOut, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const socket = useSessionSocket(session.user.id, refresh);

  // On a phone the menu covers the page; close it once a link has been followed.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  // Escape closes the open menu and puts focus back on the button that opened it.
  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", closeOnEscape);
    return () => document.removeEventListener("keydown", closeOnEscape);
  }, [menuOpen]);

  return (
    <div className={session.instance.simulatedChannels ? "app app--with-banner" : "app"}>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="app-header">
        <button
          ref={menuButton}
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
      <NavList
        id="main-nav"
        label={t("layout.navLabel")}
        className={menuOpen ? "app-nav app-nav--open" : "app-nav"}
        sections={SECTIONS}
      />
      <main id="main" className="app-main" tabIndex={-1}>
        <RealtimeContext.Provider value={socket}>
          {session.abilities.manageUnits && <ChannelReconnectNotices />}
          {session.abilities.inbox && <EmergencyBanner />}
          <Outlet />
        </RealtimeContext.Provider>
      </main>
    </div>
  );
}
