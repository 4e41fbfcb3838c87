import { BrowserRouter, Route, Routes } from "react-router-dom";
import { AppLayout } from "./components/AppLayout";
import { RequireAbility, RequireSession } from "./components/RequireSession";
import { ADMIN, ADMIN_AUDIT, ADMIN_UNITS, ADMIN_USERS, CALENDAR, COMPOSE, DASHBOARD, INBOX } from "./navigation";
import { AccountPage } from "./pages/account/AccountPage";
import { AdminIndex, AdminLayout } from "./pages/admin/AdminLayout";
import { AuditLogPage } from "./pages/admin/AuditLogPage";
import { UnitsPage } from "./pages/admin/UnitsPage";
import { UsersPage } from "./pages/admin/UsersPage";
import { DashboardPage } from "./pages/DashboardPage";
import { FeaturePreparingPage } from "./pages/FeaturePreparingPage";
import { ForcedPasswordChangePage } from "./pages/ForcedPasswordChangePage";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";

// Routes are relative to Vite's base (/app/), where the server serves this app.
const BASENAME = import.meta.env.BASE_URL.replace(/\/$/, "");

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
            <Route
              path={COMPOSE.path}
              element={
                <RequireAbility allowed={COMPOSE.allowed}>
                  <FeaturePreparingPage title="nav.compose" note="preparing.compose" />
                </RequireAbility>
              }
            />
            <Route
              path={CALENDAR.path}
              element={
                <RequireAbility allowed={CALENDAR.allowed}>
                  <FeaturePreparingPage title="nav.calendar" note="preparing.calendar" />
                </RequireAbility>
              }
            />
            <Route
              path={INBOX.path}
              element={
                <RequireAbility allowed={INBOX.allowed}>
                  <FeaturePreparingPage title="nav.inbox" note="preparing.inbox" />
                </RequireAbility>
              }
            />
            <Route
              path={DASHBOARD.path}
              element={
                <RequireAbility allowed={DASHBOARD.allowed}>
                  <DashboardPage />
                </RequireAbility>
              }
            />
            <Route
              path={ADMIN.path}
              element={
                <RequireAbility allowed={ADMIN.allowed}>
                  <AdminLayout />
                </RequireAbility>
              }
            >
              <Route index element={<AdminIndex />} />
              <Route path={ADMIN_UNITS.path} element={<RequireAbility allowed={ADMIN_UNITS.allowed}><UnitsPage /></RequireAbility>} />
              <Route path={ADMIN_USERS.path} element={<RequireAbility allowed={ADMIN_USERS.allowed}><UsersPage /></RequireAbility>} />
              <Route path={ADMIN_AUDIT.path} element={<RequireAbility allowed={ADMIN_AUDIT.allowed}><AuditLogPage /></RequireAbility>} />
            </Route>
            <Route path="/account" element={<AccountPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
