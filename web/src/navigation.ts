import type { Abilities } from "./api/types";
import type { MessageKey } from "./i18n";

export type Section = {
  path: string;
  label: MessageKey;
  testId: string;
  allowed(abilities: Abilities): boolean;
  /** Marked current only on its own path, not on the paths below it. */
  end?: boolean;
};

// Each section shows (in menus) and opens (as a route) only when the session's abilities allow it.
export const COMPOSE: Section = {
  path: "/compose",
  label: "nav.compose",
  testId: "nav-compose",
  allowed: (a) => a.compose,
};
export const CALENDAR: Section = {
  path: "/calendar",
  label: "nav.calendar",
  testId: "nav-calendar",
  allowed: (a) => a.calendar,
};
export const POSTS: Section = {
  path: "/posts",
  label: "nav.posts",
  testId: "nav-posts",
  allowed: (a) => a.compose || a.approvePosts,
};
export const INBOX: Section = { path: "/inbox", label: "nav.inbox", testId: "nav-inbox", allowed: (a) => a.inbox };
export const DASHBOARD: Section = {
  path: "/dashboard",
  label: "nav.dashboard",
  testId: "nav-dashboard",
  allowed: (a) => a.dashboard,
};

// Unit sites: desa operators fill their desa's pages, the kecamatan reviews them, Kominfo and the
// kecamatan watch how current they are, admins set addresses and review requirements.
export const SITES_ENTRIES: Section = {
  path: "/sites",
  label: "sites.entries",
  testId: "sites-entries",
  allowed: (a) => a.editSites,
  end: true,
};
export const SITES_REVIEW: Section = {
  path: "/sites/review",
  label: "sites.review",
  testId: "sites-review",
  allowed: (a) => a.reviewSites,
};
export const SITES_FRESHNESS: Section = {
  path: "/sites/freshness",
  label: "sites.freshness",
  testId: "sites-freshness",
  allowed: (a) => a.siteFreshness,
};
export const SITES_SETTINGS: Section = {
  path: "/sites/settings",
  label: "sites.settings",
  testId: "sites-settings",
  allowed: (a) => a.manageSites,
};
export const SITES_SECTIONS: readonly Section[] = [SITES_ENTRIES, SITES_REVIEW, SITES_FRESHNESS, SITES_SETTINGS];
/** The top-level entry opens the first tab the user may see. */
export const SITES: Section = {
  path: "/sites",
  label: "nav.sites",
  testId: "nav-sites",
  allowed: (a) => SITES_SECTIONS.some((section) => section.allowed(a)),
};

export const ADMIN_UNITS: Section = {
  path: "/admin/units",
  label: "admin.units",
  testId: "admin-units",
  allowed: (a) => a.manageUnits,
};
export const ADMIN_USERS: Section = {
  path: "/admin/users",
  label: "admin.users",
  testId: "admin-users",
  allowed: (a) => a.manageUsers,
};
export const ADMIN_AUDIT: Section = {
  path: "/admin/audit",
  label: "admin.audit",
  testId: "admin-audit",
  allowed: (a) => a.readAuditLog,
};
export const ADMIN_CHANNELS: Section = {
  path: "/admin/channels",
  label: "admin.channels",
  testId: "admin-channels",
  allowed: (a) => a.manageUnits,
};
// Admins and humas see every unit, and may read the routing rules; only admins change them (manageUnits).
export const ADMIN_ROUTING: Section = {
  path: "/admin/routing-rules",
  label: "admin.routingRules",
  testId: "admin-routing-rules",
  allowed: (a) => a.seesAllUnits,
};
export const ADMIN_CANNED_RESPONSES: Section = {
  path: "/admin/canned-responses",
  label: "admin.cannedResponses",
  testId: "admin-canned-responses",
  allowed: (a) => a.manageCannedResponses,
};
export const ADMIN_DEAD_LETTERS: Section = {
  path: "/admin/dead-letters",
  label: "admin.deadLetters",
  testId: "admin-dead-letters",
  allowed: (a) => a.manageDeadLetters,
};
export const ADMIN_WEBHOOKS: Section = {
  path: "/admin/webhooks",
  label: "admin.webhooks",
  testId: "admin-webhooks",
  allowed: (a) => a.manageWebhooks,
};
export const ADMIN_DEMO_DATA: Section = {
  path: "/admin/demo-data",
  label: "admin.demoData",
  testId: "admin-demo-data",
  allowed: (a) => a.removeDemoData,
};
export const ADMIN_REPORTING: Section = {
  path: "/admin/reporting",
  label: "admin.reportingSettings",
  testId: "admin-reporting",
  allowed: (a) => a.reportingSettings,
};
export const ADMIN_WORKING_CALENDAR: Section = {
  path: "/admin/working-calendar",
  label: "admin.workingCalendar",
  testId: "admin-working-calendar",
  allowed: (a) => a.workingCalendar,
};
export const ADMIN_LETTERHEAD: Section = {
  path: "/admin/letterhead",
  label: "admin.letterhead",
  testId: "admin-letterhead",
  allowed: (a) => a.manageLetterhead,
};
export const ADMIN_SYSTEM_HEALTH: Section = {
  path: "/admin/system-health",
  label: "admin.systemHealth",
  testId: "admin-system-health",
  allowed: (a) => a.systemHealth,
};
// Only in demo mode: the session grants controlSandbox where simulated platforms run.
export const ADMIN_SANDBOX: Section = {
  path: "/admin/demo",
  label: "admin.sandbox",
  testId: "admin-sandbox",
  allowed: (a) => a.controlSandbox,
};
export const ADMIN_SECTIONS: readonly Section[] = [
  ADMIN_UNITS,
  ADMIN_USERS,
  ADMIN_CHANNELS,
  ADMIN_ROUTING,
  ADMIN_CANNED_RESPONSES,
  ADMIN_DEAD_LETTERS,
  ADMIN_WEBHOOKS,
  ADMIN_AUDIT,
  ADMIN_REPORTING,
  ADMIN_WORKING_CALENDAR,
  ADMIN_LETTERHEAD,
  ADMIN_DEMO_DATA,
  ADMIN_SYSTEM_HEALTH,
  ADMIN_SANDBOX,
];

export const ADMIN: Section = {
  path: "/admin",
  label: "nav.admin",
  testId: "nav-admin",
  allowed: (a) => ADMIN_SECTIONS.some((section) => section.allowed(a)),
};

// The PPID's desk: the information list and profiles (PPID staff keep them, admins everywhere,
// humas read them), the requests (PPID staff, admins), the objections (and the atasan PPID who
// answer them), and the figures, registers and annual report (leaders too).
export const DIP_LIST: Section = {
  path: "/ppid/dip",
  label: "dip.list",
  testId: "dip-list",
  allowed: (a) => a.dip,
  end: true,
};
export const PPID_PROFILES: Section = {
  path: "/ppid/profiles",
  label: "ppid.profiles",
  testId: "ppid-profiles",
  allowed: (a) => a.ppidProfiles,
};
export const PPID_REQUESTS: Section = {
  path: "/ppid/requests",
  label: "ppid.nav.requests",
  testId: "ppid-requests",
  allowed: (a) => a.ppidRequests,
};
export const PPID_OBJECTIONS: Section = {
  path: "/ppid/objections",
  label: "ppid.nav.objections",
  testId: "ppid-objections",
  allowed: (a) => a.ppidObjections,
};
export const PPID_REPORTS: Section = {
  path: "/ppid/reports",
  label: "ppid.nav.reports",
  testId: "ppid-reports",
  allowed: (a) => a.ppidReports,
};
export const PPID_SECTIONS: readonly Section[] = [
  DIP_LIST,
  PPID_PROFILES,
  PPID_REQUESTS,
  PPID_OBJECTIONS,
  PPID_REPORTS,
];
/** The top-level entry opens the first tab the user may see. */
export const PPID: Section = {
  path: "/ppid",
  label: "nav.dip",
  testId: "nav-dip",
  allowed: (a) => PPID_SECTIONS.some((section) => section.allowed(a)),
};

export const SECTIONS: readonly Section[] = [COMPOSE, POSTS, CALENDAR, INBOX, SITES, DASHBOARD, PPID, ADMIN];

// The posts pages' tabs: every post the user may see, and the ones waiting for their approval.
export const POSTS_ALL: Section = { ...POSTS, label: "posts.all", testId: "posts-all", end: true };
export const POSTS_REVIEW: Section = {
  path: "/posts/review",
  label: "posts.needsApproval",
  testId: "posts-review",
  allowed: (a) => a.approvePosts,
};
