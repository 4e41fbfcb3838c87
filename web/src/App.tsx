import type { ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { RequireAbility, RequireSession } from "./components/RequireSession";
import {
  ADMIN,
  ADMIN_AUDIT,
  ADMIN_CANNED_RESPONSES,
  ADMIN_CHANNELS,
  ADMIN_DEAD_LETTERS,
  ADMIN_WEBHOOKS,
  ADMIN_DEMO_DATA,
  ADMIN_REPORTING,
  ADMIN_WORKING_CALENDAR,
  ADMIN_LETTERHEAD,
  ADMIN_SANDBOX,
  ADMIN_SYSTEM_HEALTH,
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
import { AppLayout } from "./components/AppLayout";
import { ForcedPasswordChangePage } from "./pages/ForcedPasswordChangePage";
import { HomePage } from "./pages/HomePage";
import { INBOX_PAGES } from "./pages/inbox/routes";
import { PPID_PAGES } from "./pages/ppid/routes";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { lazyPage } from "./lazyPage";

const AccountPage = lazyPage(() => import("./pages/account/AccountPage").then((module) => module.AccountPage));
const AdminIndex = lazyPage(() => import("./pages/admin/AdminLayout").then((module) => module.AdminIndex));
const AdminLayout = lazyPage(() => import("./pages/admin/AdminLayout").then((module) => module.AdminLayout));
const AuditLogPage = lazyPage(() => import("./pages/admin/AuditLogPage").then((module) => module.AuditLogPage));
const DeadLettersPage = lazyPage(() =>
  import("./pages/admin/DeadLettersPage").then((module) => module.DeadLettersPage),
);
const ReportingSettingsPage = lazyPage(() =>
  import("./pages/admin/ReportingSettingsPage").then((module) => module.ReportingSettingsPage),
);
const WorkingCalendarPage = lazyPage(() =>
  import("./pages/admin/WorkingCalendarPage").then((module) => module.WorkingCalendarPage),
);
const LetterheadPage = lazyPage(() => import("./pages/admin/LetterheadPage").then((module) => module.LetterheadPage));
const SystemHealthPage = lazyPage(() =>
  import("./pages/admin/SystemHealthPage").then((module) => module.SystemHealthPage),
);
const SandboxPage = lazyPage(() => import("./pages/admin/sandbox/SandboxPage").then((module) => module.SandboxPage));
const WebhooksPage = lazyPage(() => import("./pages/admin/WebhooksPage").then((module) => module.WebhooksPage));
const DemoDataPage = lazyPage(() => import("./pages/admin/DemoDataPage").then((module) => module.DemoDataPage));
const CannedResponsesPage = lazyPage(() =>
  import("./pages/admin/CannedResponsesPage").then((module) => module.CannedResponsesPage),
);
const ChannelsPage = lazyPage(() => import("./pages/admin/ChannelsPage").then((module) => module.ChannelsPage));
const RoutingRulesPage = lazyPage(() =>
  import("./pages/admin/RoutingRulesPage").then((module) => module.RoutingRulesPage),
);
const UnitsPage = lazyPage(() => import("./pages/admin/UnitsPage").then((module) => module.UnitsPage));
const UsersPage = lazyPage(() => import("./pages/admin/UsersPage").then((module) => module.UsersPage));
const CalendarPage = lazyPage(() => import("./pages/calendar/CalendarPage").then((module) => module.CalendarPage));
const NotificationsPage = lazyPage(() =>
  import("./pages/notifications/NotificationsPage").then((module) => module.NotificationsPage),
);
const PpidIndex = lazyPage(() => import("./pages/ppid/PpidLayout").then((module) => module.PpidIndex));
const PpidLayout = lazyPage(() => import("./pages/ppid/PpidLayout").then((module) => module.PpidLayout));
const ComposePage = lazyPage(() => import("./pages/posts/ComposePage").then((module) => module.ComposePage));
const PostDetailPage = lazyPage(() => import("./pages/posts/PostDetailPage").then((module) => module.PostDetailPage));
const PostsPage = lazyPage(() => import("./pages/posts/PostsPage").then((module) => module.PostsPage));
const EntryPage = lazyPage(() => import("./pages/sites/EntryPage").then((module) => module.EntryPage));
const FreshnessPage = lazyPage(() => import("./pages/sites/FreshnessPage").then((module) => module.FreshnessPage));
const ReviewQueuePage = lazyPage(() =>
  import("./pages/sites/ReviewQueuePage").then((module) => module.ReviewQueuePage),
);
const SiteSettingsPage = lazyPage(() =>
  import("./pages/sites/SiteSettingsPage").then((module) => module.SiteSettingsPage),
);
const SitesPage = lazyPage(() => import("./pages/sites/SitesPage").then((module) => module.SitesPage));
const DashboardPage = lazyPage(() => import("./pages/dashboard/DashboardPage").then((module) => module.DashboardPage));

// Every page but the first screens (sign-in, home) loads when opened; the dashboard brings its chart library.

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
  [ADMIN_WEBHOOKS, <WebhooksPage />],
  [ADMIN_AUDIT, <AuditLogPage />],
  [ADMIN_REPORTING, <ReportingSettingsPage />],
  [ADMIN_WORKING_CALENDAR, <WorkingCalendarPage />],
  [ADMIN_DEMO_DATA, <DemoDataPage />],
  [ADMIN_LETTERHEAD, <LetterheadPage />],
  [ADMIN_SYSTEM_HEALTH, <SystemHealthPage />],
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
            {sectionRoute(DASHBOARD, <DashboardPage />)}
            {sectionRoute(
              ADMIN,
              <AdminLayout />,
              <>
                <Route index element={<AdminIndex />} />
                {ADMIN_PAGES.map(([section, page]) => sectionRoute(section, page))}
              </>,
            )}
            <Route path="/account" element={<AccountPage />} />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
