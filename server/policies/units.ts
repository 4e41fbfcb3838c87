import { allow } from "./policy.js";
import { isInScope, role } from "./scope.js";

/** Everyone signed in lists units (pickers need them); the list is cut to their scope by the route. */
allow("Unit", "list", () => true);

/** A unit is readable by those whose scope holds it. */
allow("Unit", "read", (actor, unit) => !!unit && isInScope(actor, unit.path));

/**
 * Only admins shape the tree: create units (OPD, UPT, puskesmas), rename them for display, move,
 * deactivate, import a kabupaten/kota's official areas and merge two units.
 */
allow("Unit", ["create", "update", "deactivate", "import", "merge"], role("admin"));
