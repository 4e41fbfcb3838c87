import type { Actor } from "@server/auth/actor.js";
import { allow, and, or, type Subjects } from "./policy.js";
import { hasRole, isInScope, role } from "./scope.js";

// Inbox: officers handle items routed to their units; humas and admins see and handle all;
// leaders may read their units' items (dashboards drill down to them) but not act on them; PPID
// staff read their units' items too, to make an information request from one.

/** An item of the actor's scope; an item not routed yet belongs to those who route: humas and admins. */
const itemInScope = (actor: Actor, item: Subjects["InboxItem"] | undefined) =>
  !item || (item.unitPath === null ? hasRole(actor, "admin", "humas") : isInScope(actor, item.unitPath));

/** An item another unit handles that this actor's unit is kept informed of (routing.ts: a disaster's kecamatan). */
const informedOfItem = (actor: Actor, item: Subjects["InboxItem"] | undefined) =>
  !!item?.informedUnitPath && isInScope(actor, item.informedUnitPath);

const handlesItem = and<"InboxItem">(role("admin", "humas", "officer"), itemInScope);

allow("InboxItem", "list", role("admin", "humas", "officer"));
// Reading: the handling unit's people, and those of a unit kept informed; PPID staff their units' items.
allow(
  "InboxItem",
  "read",
  or(and(role("admin", "humas", "officer", "leader"), or(itemInScope, informedOfItem)), and(role("ppid"), itemInScope)),
);
allow("InboxItem", "handle", handlesItem);

// Escalation reaches the unit's head (its leaders), then Kominfo (humas and admins), each only
// for items they may read.
allow(
  "Escalation",
  "read",
  and(
    (actor, escalation) =>
      escalation?.to === "unit_head" ? hasRole(actor, "leader") : hasRole(actor, "humas", "admin"),
    (actor, escalation) => !!escalation && itemInScope(actor, escalation),
  ),
);

/**
 * Whether a person (not necessarily the one acting) can take an item in a unit: the same rule as
 * handling it, asked of the assignee. Their password state does not matter here.
 */
export function mayBeAssigned(person: Actor, item: Subjects["InboxItem"]): boolean {
  return handlesItem(person, item);
}
