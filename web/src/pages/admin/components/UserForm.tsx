import { useState } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import { ROLES, type Locale, type Role, type Unit, type User } from "@web/api/types";
import { SelectField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { ROLE_LABELS } from "@web/components/labels";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { UnitChecklist } from "./UnitChecklist";

export type SavedUser = { user: User; temporaryPassword: string | null };
type UserFormProps = { user?: User; units: Unit[]; onSaved(saved: SavedUser): void; onCancel(): void };

/** Creates a user (the server answers with a temporary password) or edits one. */
export function UserForm({ user, units, onSaved, onCancel }: UserFormProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState(user?.email ?? "");
  const [name, setName] = useState(user?.name ?? "");
  const [role, setRole] = useState<Role>(user?.role ?? "officer");
  const [unitIds, setUnitIds] = useState<string[]>(user?.units.map((unit) => unit.id) ?? []);
  const [locale, setLocale] = useState<Locale>(user?.locale ?? "id");
  const save = useAction(
    async (body: {
      email: string;
      name: string;
      role: Role;
      unitIds: string[];
      locale: Locale;
    }): Promise<SavedUser> => {
      if (user) return { user: await api.patch<User>(`/users/${user.id}`, body), temporaryPassword: null };
      return api.post<SavedUser>("/users", body);
    },
  );
  const errors = fieldErrorsOf(save.error);
  const title = user ? t("users.editNamed", { name: user.name }) : t("users.new");

  const submit = async () => {
    const saved = await save.run({ email, name, role, unitIds, locale });
    if (saved) onSaved(saved);
  };

  return (
    <PanelForm title={title} error={save.error} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <TextField
        label={t("field.email")}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.email}
      />
      <TextField
        label={t("users.name")}
        required
        minLength={2}
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      <SelectField
        label={t("users.role")}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        error={errors.role}
      >
        <LabelledOptions values={ROLES} labels={ROLE_LABELS} />
      </SelectField>
      <UnitChecklist
        legend={t("users.units")}
        units={units.filter((unit) => unit.active || unitIds.includes(unit.id))}
        selected={unitIds}
        onChange={setUnitIds}
        error={errors.unitIds}
      />
      <SelectField
        label={t("users.language")}
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        error={errors.locale}
      >
        <option value="id">Bahasa Indonesia</option>
        <option value="en">English</option>
      </SelectField>
    </PanelForm>
  );
}
