import type { Unit } from "@web/api/types";

type UnitChecklistProps = {
  legend: string;
  units: Unit[];
  selected: string[];
  error?: string;
  onChange(selected: string[]): void;
};

/** Picks several units: a fieldset of checkboxes indented like the tree, usable by keyboard. */
export function UnitChecklist({ legend, units, selected, error, onChange }: UnitChecklistProps) {
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...selected, id] : selected.filter((existing) => existing !== id));
  return (
    <fieldset className={error ? "checklist field--invalid" : "checklist"} aria-invalid={Boolean(error)}>
      <legend>{legend}</legend>
      <div className="checklist__options">
        {units.map((unit) => (
          <label key={unit.id} style={{ paddingInlineStart: `${unit.depth * 1.25}rem` }}>
            <input
              type="checkbox"
              checked={selected.includes(unit.id)}
              onChange={(e) => toggle(unit.id, e.target.checked)}
            />
            {unit.name}
          </label>
        ))}
      </div>
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
