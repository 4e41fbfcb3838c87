import type { Actor } from "@server/auth/actor.js";
import { AppError } from "@server/errors.js";

/** What each model's rules receive: the record being acted on, or nothing for class-level questions. */
export type Subjects = {
  Unit: { id: string; path: string };
  User: { id: string; unitPaths: string[] };
  AuditEvent: never;
  ApiToken: { userId: string };
  /** status: only for "readLinked" (the post a comment answers). */
  Post: { unitPath: string; authorId: string; status?: string };
  Channel: { unitPath: string };
  MediaAsset: { unitPath: string };
  /**
   * unitPath null: not routed yet, visible to roles that see every unit. informedUnitPath: a unit
   * kept informed (the kecamatan of a disaster), which may read the item but not handle it.
   */
  InboxItem: { unitPath: string | null; informedUnitPath?: string | null };
  /** unitPath: the path of the unit the warning was routed to; null like an unrouted item. */
  EarlyWarning: { unitPath: string | null };
  /** What the inbox could not file; admins see and retry it. */
  InboxDeadLetter: never;
  RoutingRule: never;
  /** An overdue item's escalation: to the unit's head (its leaders), then to Kominfo. */
  Escalation: { unitPath: string | null; to: "unit_head" | "kominfo" };
  /** unitPath null: a template for every unit. */
  CannedResponse: { unitPath: string | null };
  Dashboard: { unitPath: string };
  Sandbox: never;
  /** What a platform charges per billed item (X's prices). */
  PlatformPrice: never;
  Report: never;
  /** The organisation's reporting time zone and on-time tolerance (server/reporting). */
  ReportingSettings: never;
  /** The working calendar: holidays, cuti bersama, regional holidays, office closures (server/deadlines/officeDays.ts). */
  WorkingCalendar: never;
  /** unitPath: the PPID unit handling the request; superiorId: that PPID's atasan (answers objections). */
  PpidRequest: { unitPath: string; superiorId: string | null };
  /** The objection's request, as above. */
  PpidObjection: { unitPath: string; superiorId: string | null };
  /** Figures, registers and the annual report of one PPID unit, or of the whole body (the root unit's path). */
  PpidReport: { unitPath: string };
  /** The demo's made-up month of posts and inbox items (server/demo/). */
  DemoData: never;
  /**
   * A piece of a unit site's content. unitType: the unit's type (desa content is the kecamatan's to
   * review); reviewRequired: the unit's own pages wait for the kabupaten's review.
   */
  SiteEntry: { unitPath: string; unitType: string; reviewRequired: boolean };
  /** A unit's site as a whole: its address, host name, review setting, OpenSID token, freshness. */
  Site: { unitPath: string };
  /** status: the entry's, for rules that only let drafts be touched. */
  DipItem: { unitPath: string; status?: string };
  /** The office's letterhead on its PDFs: one for the whole body. */
  Letterhead: never;
  /** The profile of a PPID unit (about, procedures, contact, hours) on the public /ppid pages. */
  PpidProfile: { unitPath: string };
  /** The admins' system health page: versions, migrations, queues, jobs, disk, backups. */
  SystemHealth: never;
  /** A notification belongs to the one user it tells. */
  Notification: { userId: string };
  /** A receiver of outgoing webhooks, with its deliveries: for the whole body. */
  WebhookEndpoint: never;
};
export type Model = keyof Subjects;
export type Action =
  | "read"
  | "readLinked"
  | "list"
  | "create"
  | "update"
  | "deactivate"
  | "resetPassword"
  | "revoke"
  | "approve"
  | "control"
  | "schedule"
  | "handle"
  | "forward"
  | "answer"
  | "readIdentity"
  | "export"
  | "import"
  | "merge"
  | "publish";

export type Rule<M extends Model> = (actor: Actor, subject: Subjects[M] | undefined) => boolean;
const rules = new Map<string, Rule<Model>>();

/** Declares that `actions` on `model` are allowed when `rule` holds; anything not allowed is denied. */
export function allow<M extends Model>(model: M, actions: Action | Action[], rule: Rule<M>): void {
  for (const action of [actions].flat()) rules.set(`${model}:${action}`, rule as Rule<Model>);
}

/** A rule that holds when every one of `rules` holds. */
export function and<M extends Model>(...rules: Rule<M>[]): Rule<M> {
  return (actor, subject) => rules.every((rule) => rule(actor, subject));
}

/** A rule that holds when any one of `rules` holds. */
export function or<M extends Model>(...rules: Rule<M>[]): Rule<M> {
  return (actor, subject) => rules.some((rule) => rule(actor, subject));
}

/** The single answer to "may this actor do this to that". Without a subject: may they at all. */
export function can<M extends Model>(actor: Actor, action: Action, model: M, subject?: Subjects[M]): boolean {
  if (actor.mustChangePassword) return false;
  const rule = rules.get(`${model}:${action}`);
  return rule ? rule(actor, subject) : false;
}

export function authorize<M extends Model>(actor: Actor, action: Action, model: M, subject?: Subjects[M]): void {
  if (!can(actor, action, model, subject)) throw new AppError("forbidden", { action, model });
}
