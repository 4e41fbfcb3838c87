import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { AppLayout } from "./components/AppLayout";
import { RequireAbility, RequireSession } from "./components/RequireSession";
import { useI18n } from "./i18n";
import {
  ADMIN,
  ADMIN_AUDIT,
  ADMIN_CANNED_RESPONSES,
  ADMIN_CHANNELS,
  ADMIN_DEAD_LETTERS,
  ADMIN_DEMO_DATA,
  ADMIN_SANDBOX,
  ADMIN_ROUTING,
  ADMIN_UNITS,
  ADMIN_USERS,
  CALENDAR,
  COMPOSE,
  DASHBOARD,
  POSTS,
  POSTS_REVIEW,
  PPID,
  SITES_ENTRIES,
  SITES_FRESHNESS,
  SITES_REVIEW,
  SITES_SETTINGS,
  type Section,
} from "./navigation";
import { AccountPage } from "./pages/account/AccountPage";
import { AdminIndex, AdminLayout } from "./pages/admin/AdminLayout";
import { AuditLogPage } from "./pages/admin/AuditLogPage";
import { DeadLettersPage } from "./pages/admin/DeadLettersPage";
import { DemoDataPage } from "./pages/admin/DemoDataPage";
import { SandboxPage } from "./pages/admin/sandbox/SandboxPage";
import { CannedResponsesPage } from "./pages/admin/CannedResponsesPage";
import { ChannelsPage } from "./pages/admin/ChannelsPage";
import { RoutingRulesPage } from "./pages/admin/RoutingRulesPage";
import { UnitsPage } from "./pages/admin/UnitsPage";
import { UsersPage } from "./pages/admin/UsersPage";
import { CalendarPage } from "./pages/calendar/CalendarPage";
import { ForcedPasswordChangePage } from "./pages/ForcedPasswordChangePage";
import { HomePage } from "./pages/HomePage";
import { INBOX_PAGES } from "./pages/inbox/routes";
import { PpidIndex, PpidLayout } from "./pages/ppid/PpidLayout";
import { PPID_PAGES } from "./pages/ppid/routes";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ComposePage } from "./pages/posts/ComposePage";
import { PostDetailPage } from "./pages/posts/PostDetailPage";
import { PostsPage } from "./pages/posts/PostsPage";
import { EntryPage } from "./pages/sites/EntryPage";
import { FreshnessPage } from "./pages/sites/FreshnessPage";
import { ReviewQueuePage } from "./pages/sites/ReviewQueuePage";
import { SiteSettingsPage } from "./pages/sites/SiteSettingsPage";
import { SitesPage } from "./pages/sites/SitesPage";

// The dashboard (and its chart library) loads only when opened.
const DashboardPage = lazy(() =>
  import("./pages/dashboard/DashboardPage").then((module) => ({ default: module.DashboardPage })),
);

function Loading() {
  const { t } = useI18n();
  return <p role="status">{t("common.loading")}</p>;
}

// Routes are relative to Vite's base (/app/), where the server serves this app.
const BASENAME = import.meta.env.BASE_URL.replace(/\/$/, "");

const PUBLISHING_PAGES: readonly [Pick<Section, "path" | "allowed">, ReactNode][] = [
  [COMPOSE, <ComposePage />],
  [POSTS, <PostsPage />],
  [POSTS_REVIEW, <PostsPage awaitingApproval />],
  [{ path: "/posts/:id", allowed: POSTS.allowed }, <PostDetailPage />],
  [{ path: "/posts/:id/edit", allowed: COMPOSE.allowed }, <ComposePage />],
  [CALENDAR, <CalendarPage />],
];

const SITES_PAGES: readonly [Pick<Section, "path" | "allowed">, ReactNode][] = [
  [SITES_ENTRIES, <SitesPage />],
  [SITES_REVIEW, <ReviewQueuePage />],
  [SITES_FRESHNESS, <FreshnessPage />],
  [SITES_SETTINGS, <SiteSettingsPage />],
  [{ path: "/sites/entries/:id", allowed: (a) => a.editSites || a.reviewSites }, <EntryPage />],
  [{ path: "/sites/units/:unitId/new/:kind", allowed: SITES_ENTRIES.allowed }, <EntryPage />],
];

const ADMIN_PAGES: readonly [Section, ReactNode][] = [
  [ADMIN_UNITS, <UnitsPage />],
  [ADMIN_USERS, <UsersPage />],
  [ADMIN_CHANNELS, <ChannelsPage />],
  [ADMIN_ROUTING, <RoutingRulesPage />],
  [ADMIN_CANNED_RESPONSES, <CannedResponsesPage />],
  [ADMIN_DEAD_LETTERS, <DeadLettersPage />],
  [ADMIN_AUDIT, <AuditLogPage />],
  [ADMIN_DEMO_DATA, <DemoDataPage />],
  [ADMIN_SANDBOX, <SandboxPage />],
];

/** A section's route, opened only to sessions whose abilities allow it. */
function sectionRoute(section: Pick<Section, "path" | "allowed">, page: ReactNode, children?: ReactNode) {
  return (
    <Route
      key={section.path}
      path={section.path}
      element={<RequireAbility allowed={section.allowed}>{page}</RequireAbility>}
    >
      {children}
    </Route>
  );
}

export function App() {
  return (
    <BrowserRouter basename={BASENAME}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireSession passwordChangePage />}>
          <Route path="/change-password" element={<ForcedPasswordChangePage />} />
        </Route>
        <Route element={<RequireSession />}>
          <Route element={<AppLayout />}>
            <Route index element={<HomePage />} />
            {INBOX_PAGES.map(([section, page]) => sectionRoute(section, page))}
            {PUBLISHING_PAGES.map(([section, page]) => sectionRoute(section, page))}
            {SITES_PAGES.map(([section, page]) => sectionRoute(section, page))}
            {sectionRoute(
              PPID,
              <PpidLayout />,
              <>
                <Route index element={<PpidIndex />} />
                {PPID_PAGES.map(([section, page]) => sectionRoute(section, page))}
              </>,
            )}
            {sectionRoute(
              DASHBOARD,
              <Suspense fallback={<Loading />}>
                <DashboardPage />
              </Suspense>,
            )}
            {sectionRoute(
              ADMIN,
              <AdminLayout />,
              <>
                <Route index element={<AdminIndex />} />
                {ADMIN_PAGES.map(([section, page]) => sectionRoute(section, page))}
              </>,
            )}
            <Route path="/account" element={<AccountPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
