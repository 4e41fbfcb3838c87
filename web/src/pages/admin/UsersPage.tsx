import { useState } from "react";
import { api } from "../../api/client";
import { ROLES, type User } from "../../api/types";
import { ErrorAlert } from "../../components/Alerts";
import { ConfirmButton } from "../../components/ConfirmButton";
import { SelectField, TextField } from "../../components/Field";
import { FilterForm } from "../../components/FilterForm";
import { LabelledOptions } from "../../components/LabelledOptions";
import { ROLE_LABELS } from "../../components/labels";
import { ListStatus } from "../../components/ListStatus";
import { OneTimeSecret } from "../../components/OneTimeSecret";
import { Page } from "../../components/Page";
import { useAction } from "../../hooks/useAction";
import { useAllUnits } from "../../hooks/useAllUnits";
import { useCursorList } from "../../hooks/useCursorList";
import { useFilters } from "../../hooks/useFilters";
import { useI18n } from "../../i18n";
import { UnitOptions } from "./UnitOptions";
import { UserForm, type SavedUser } from "./UserForm";

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useI18n();
  const filters = useFilters({ q: "", role: "", unitId: "", active: "" });
  const users = useCursorList<User>("/users", { ...filters.applied, limit: PAGE_SIZE });
  const units = useAllUnits();
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);

  const setActive = useAction(async (user: User, active: boolean) => users.replace(await api.patch<User>(`/users/${user.id}`, { active })));
  const resetPassword = useAction(async (user: User) => {
    const { temporaryPassword } = await api.post<{ temporaryPassword: string }>(`/users/${user.id}/reset-password`);
    setSecret({ title: t("users.passwordResetFor", { name: user.name }), value: temporaryPassword });
    users.reload(); // the user now has to change the password: its status changed
  });

  const saved = ({ user, temporaryPassword }: SavedUser) => {
    setEditing(null);
    if (temporaryPassword) setSecret({ title: t("users.createdWithPassword", { name: user.name }), value: temporaryPassword });
    users.reload();
  };

  return (
    <Page
      title={t("admin.users")}
      actions={
        editing === null && (
          <button type="button" onClick={() => setEditing("new")}>
            {t("users.new")}
          </button>
        )
      }
    >
      {secret && <OneTimeSecret title={secret.title} value={secret.value} onDismiss={() => setSecret(null)} />}
      {editing !== null && (
        <UserForm
          key={editing === "new" ? "new" : editing.id}
          user={editing === "new" ? undefined : editing}
          units={units.data ?? []}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
      <FilterForm label={t("users.filters")} onApply={filters.apply} onReset={filters.reset}>
        <TextField label={t("users.search")} type="search" value={filters.draft.q} onChange={(e) => filters.set("q", e.target.value)} />
        <SelectField label={t("users.role")} value={filters.draft.role} onChange={(e) => filters.set("role", e.target.value)}>
          <option value="">{t("common.all")}</option>
          <LabelledOptions values={ROLES} labels={ROLE_LABELS} />
        </SelectField>
        <SelectField label={t("users.unit")} value={filters.draft.unitId} onChange={(e) => filters.set("unitId", e.target.value)}>
          <option value="">{t("common.all")}</option>
          <UnitOptions units={units.data ?? []} />
        </SelectField>
        <SelectField label={t("common.status")} value={filters.draft.active} onChange={(e) => filters.set("active", e.target.value)}>
          <option value="">{t("common.all")}</option>
          <option value="true">{t("common.active")}</option>
          <option value="false">{t("common.inactive")}</option>
        </SelectField>
      </FilterForm>
      <ErrorAlert error={setActive.error ?? resetPassword.error} />
      {users.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("admin.users")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("field.email")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.units")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.items.map((user) => (
                <tr key={user.id} className={user.active ? undefined : "row--inactive"}>
                  <th scope="row">{user.name}</th>
                  <td>{user.email}</td>
                  <td>{t(ROLE_LABELS[user.role])}</td>
                  <td>{user.units.map((unit) => unit.name).join(", ")}</td>
                  <td>
                    <UserStatus user={user} />
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="button--secondary" onClick={() => setEditing(user)} aria-label={t("users.editNamed", { name: user.name })}>
                        {t("common.edit")}
                      </button>
                      <ConfirmButton
                        label={t("users.resetPassword")}
                        confirmLabel={t("users.confirmResetPassword", { name: user.name })}
                        busy={resetPassword.busy}
                        onConfirm={() => void resetPassword.run(user)}
                      />
                      {user.active ? (
                        <ConfirmButton
                          label={t("common.deactivate")}
                          confirmLabel={t("users.confirmDeactivate", { name: user.name })}
                          busy={setActive.busy}
                          onConfirm={() => void setActive.run(user, false)}
                        />
                      ) : (
                        <button type="button" className="button--secondary" disabled={setActive.busy} onClick={() => void setActive.run(user, true)}>
                          {t("common.reactivate")}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListStatus list={users} />
    </Page>
  );
}

function UserStatus({ user }: { user: User }) {
  const { t } = useI18n();
  const states = [
    user.active ? t("common.active") : t("common.inactive"),
    ...(user.locked ? [t("users.locked")] : []),
    ...(user.mustChangePassword ? [t("users.mustChangePassword")] : []),
  ];
  return <>{states.join(" · ")}</>;
}
