import { useState } from "react";
import { api } from "@web/api/client";
import { ROLES, type Schemas, type User } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { TextField } from "@web/components/Field";
import { FilterForm, FilterSelect } from "@web/components/FilterForm";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { ROLE_LABELS } from "@web/components/labels";
import { ListTable } from "@web/components/ListTable";
import { OneTimeSecret } from "@web/components/OneTimeSecret";
import { useAction } from "@web/hooks/useAction";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useCursorList } from "@web/hooks/useCursorList";
import { useFilters } from "@web/hooks/useFilters";
import { useI18n } from "@web/i18n";
import { AdminListPage, RowActions, useEditing } from "./components/AdminList";
import { UnitOptions } from "./components/UnitOptions";
import { UserForm, type SavedUser } from "./components/UserForm";

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useI18n();
  const filters = useFilters({ q: "", role: "", unitId: "", active: "" });
  const users = useCursorList<User>("/users", { ...filters.applied, limit: PAGE_SIZE });
  const units = useAllUnits();
  const editor = useEditing<User>();
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);

  const setActive = useAction(async (user: User, active: boolean) =>
    users.replace(await api.patch<User>(`/users/${user.id}`, { active })),
  );
  const resetPassword = useAction(async (user: User) => {
    const { temporaryPassword } = await api.post<Schemas["PasswordReset"]>(`/users/${user.id}/reset-password`);
    setSecret({ title: t("users.passwordResetFor", { name: user.name }), value: temporaryPassword });
    users.reload(); // the user now has to change the password: its status changed
  });

  const saved = ({ user, temporaryPassword }: SavedUser) => {
    editor.close();
    if (temporaryPassword)
      setSecret({ title: t("users.createdWithPassword", { name: user.name }), value: temporaryPassword });
    users.reload();
  };

  return (
    <AdminListPage
      title={t("admin.users")}
      newLabel={t("users.new")}
      editor={editor}
      notice={secret && <OneTimeSecret title={secret.title} value={secret.value} onDismiss={() => setSecret(null)} />}
      form={(user) => <UserForm user={user} units={units.data ?? []} onSaved={saved} onCancel={editor.close} />}
    >
      <FilterForm label={t("users.filters")} onApply={filters.apply} onReset={filters.reset}>
        <TextField label={t("users.search")} type="search" {...filters.field("q")} />
        <FilterSelect label={t("users.role")} {...filters.field("role")}>
          <LabelledOptions values={ROLES} labels={ROLE_LABELS} />
        </FilterSelect>
        <FilterSelect label={t("users.unit")} {...filters.field("unitId")}>
          <UnitOptions units={units.data ?? []} />
        </FilterSelect>
        <FilterSelect label={t("common.status")} {...filters.field("active")}>
          <option value="true">{t("common.active")}</option>
          <option value="false">{t("common.inactive")}</option>
        </FilterSelect>
      </FilterForm>
      <ErrorAlert error={setActive.error ?? resetPassword.error} />
      <ListTable
        list={users}
        caption={t("admin.users")}
        columns={[
          t("users.name"),
          t("field.email"),
          t("users.role"),
          t("users.units"),
          t("common.status"),
          t("common.actions"),
        ]}
        row={(user) => (
          <tr className={user.active ? undefined : "row--inactive"}>
            <th scope="row">{user.name}</th>
            <td>{user.email}</td>
            <td>{t(ROLE_LABELS[user.role])}</td>
            <td>{user.units.map((unit) => unit.name).join(", ")}</td>
            <td>
              <UserStatus user={user} />
            </td>
            <td>
              <RowActions
                editLabel={t("users.editNamed", { name: user.name })}
                onEdit={() => editor.edit(user)}
                active={user.active}
                confirmDeactivate={t("users.confirmDeactivate", { name: user.name })}
                busy={setActive.busy}
                onSetActive={(active) => void setActive.run(user, active)}
              >
                <ConfirmButton
                  label={t("users.resetPassword")}
                  confirmLabel={t("users.confirmResetPassword", { name: user.name })}
                  busy={resetPassword.busy}
                  onConfirm={() => void resetPassword.run(user)}
                />
              </RowActions>
            </td>
          </tr>
        )}
      />
    </AdminListPage>
  );
}

function UserStatus({ user }: { user: User }) {
  const { t } = useI18n();
  const states = [
    user.active ? t("common.active") : t("common.inactive"),
    ...(user.mustChangePassword ? [t("users.mustChangePassword")] : []),
  ];
  return <>{states.join(" · ")}</>;
}
