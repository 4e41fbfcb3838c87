import type { AuditEvent } from "@web/api/types";
import type { MessageKey } from "@web/i18n";
import { id as messages } from "@web/i18n/id";

// How the audit log says what happened: the action's verb (the part after its last dot) and the
// target's kind, each in the reader's language, with a link to the target's page where it has one.

/** Events about the actor themselves: "signed in", not "signed in user X". */
const WITHOUT_OBJECT = new Set(["login", "logout", "login_failed", "login_throttled"]);

/** The staff app's page of each kind of target. */
const TARGET_PAGES: Record<string, (id: string) => string> = {
  Post: (id) => `/posts/${id}`,
  InboxItem: (id) => `/inbox/${id}`,
  PpidRequest: (id) => `/ppid/requests/${id}`,
  PpidObjection: (id) => `/ppid/objections/${id}`,
  DipItem: (id) => `/ppid/dip/${id}`,
  SiteEntry: (id) => `/sites/entries/${id}`,
  User: () => "/admin/users",
  Unit: () => "/admin/units",
  Channel: () => "/admin/channels",
  RoutingRule: () => "/admin/routing-rules",
  CannedResponse: () => "/admin/canned-responses",
  InboxDeadLetter: () => "/admin/dead-letters",
  DemoData: () => "/admin/demo-data",
};

const known = (key: string): key is MessageKey => key in messages;

export type AuditWords = {
  /** The verb as a message key, or the action's own words when Siar has none for it. */
  verb: { key: MessageKey } | { unknown: string };
  /** The target's kind as a message key, its name, and its page; null for events about the actor. */
  subject: { key: MessageKey | null; type: string; name: string | null; href: string | null } | null;
};

export function auditWords(event: AuditEvent): AuditWords {
  const verb = event.action.slice(event.action.lastIndexOf(".") + 1);
  const verbKey = `auditVerb.${verb}`;
  const subjectKey = `auditSubject.${event.targetType}`;
  const page = event.targetId ? TARGET_PAGES[event.targetType] : undefined;
  return {
    verb: known(verbKey) ? { key: verbKey } : { unknown: verb.replaceAll("_", " ") },
    subject: WITHOUT_OBJECT.has(verb)
      ? null
      : {
          key: known(subjectKey) ? subjectKey : null,
          type: event.targetType,
          name: event.targetName,
          href: page && event.targetId ? page(event.targetId) : null,
        },
  };
}
