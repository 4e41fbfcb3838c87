import { useState, type FormEvent } from "react";
import { fetchAllPages } from "@web/api/client";
import type { User } from "@web/api/types";
import { SelectField } from "@web/components/Field";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { UnitOptions } from "@web/pages/admin/components/UnitOptions";

export type Assignment = { unitId?: string; assigneeId?: string | null };
type Choice = { unitId: string; assigneeId: string };

/** Everyone who may handle inbox items (leaders only read); the server checks the unit. */
function useAssignableUsers() {
  return useLoad(
    async () =>
      (await fetchAllPages<User>("/users", { active: true, limit: 200 })).filter((user) => user.role !== "leader"),
    [],
  );
}

/**
 * Unit (routing) and person pickers; only what differs from `current` is sent, so the bulk bar
 * (current: nothing) and the item page (current: its unit and assignee) share it.
 */
export function AssignmentPicker({
  current,
  busy,
  onAssign,
}: {
  current: Choice;
  busy: boolean;
  onAssign(assignment: Assignment): void;
}) {
  const { t } = useI18n();
  const units = useAllUnits();
  const users = useAssignableUsers();
  const [choice, setChoice] = useState(current);
  const assignment: Assignment = {
    ...(choice.unitId && choice.unitId !== current.unitId ? { unitId: choice.unitId } : {}),
    ...(choice.assigneeId !== current.assigneeId ? { assigneeId: choice.assigneeId || null } : {}),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAssign(assignment);
  };
  return (
    <form className="assignment" onSubmit={submit} aria-label={t("inbox.assign")}>
      <SelectField
        label={t("inbox.routeToUnit")}
        value={choice.unitId}
        onChange={(e) => setChoice({ ...choice, unitId: e.target.value })}
      >
        <option value="">{t("inbox.keepUnit")}</option>
        <UnitOptions units={units.data ?? []} />
      </SelectField>
      <SelectField
        label={t("inbox.assignee")}
        value={choice.assigneeId}
        onChange={(e) => setChoice({ ...choice, assigneeId: e.target.value })}
      >
        <option value="">{t("inbox.nobody")}</option>
        {(users.data ?? []).map((user) => (
          <option key={user.id} value={user.id}>
            {user.name} · {user.units.map((unit) => unit.name).join(", ")}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={busy || Object.keys(assignment).length === 0}>
        {t("inbox.assign")}
      </button>
    </form>
  );
}
