import type { Unit } from "@web/api/types";

// Non-breaking spaces indent options by depth; <option> ignores CSS padding in most browsers.
const INDENT = "\u00a0\u00a0\u00a0";

/** <option>s for a unit picker, indented to show the tree. */
export function UnitOptions({ units }: { units: Unit[] }) {
  return (
    <>
      {units.map((unit) => (
        <option key={unit.id} value={unit.id}>
          {INDENT.repeat(unit.depth) + unit.name}
        </option>
      ))}
    </>
  );
}
