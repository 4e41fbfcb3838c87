import { api } from "@web/api/client";
import type { RoutingRule } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { ListTable, loadedList } from "@web/components/ListTable";
import { useAction } from "@web/hooks/useAction";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { CATEGORY_LABELS } from "@web/pages/inbox/labels";
import { AdminListPage, EditButton, useEditing } from "./components/AdminList";
import { describeRule, RoutingRuleForm } from "./components/RoutingRulesForm";

/** Which unit owns new inbox items, highest priority first as the server applies them; humas may read, admins change. */
export function RoutingRulesPage() {
  const { t } = useI18n();
  const { abilities } = useSignedIn();
  const canEdit = abilities.manageUnits;
  const rules = useLoad(async () => (await api.get<{ data: RoutingRule[] }>("/routing-rules")).data, []);
  const units = useAllUnits();
  const editor = useEditing<RoutingRule>();
  const remove = useAction(async (rule: RoutingRule) => {
    await api.delete(`/routing-rules/${rule.id}`);
    rules.reload();
  });

  const saved = () => {
    editor.close();
    rules.reload();
  };

  const columns = [t("routing.category"), t("routing.place"), t("routing.unit"), t("routing.priority")];
  return (
    <AdminListPage
      title={t("admin.routingRules")}
      newLabel={t("routing.new")}
      canCreate={canEdit}
      editor={editor}
      notice={
        <>
          <p>{t("routing.howApplied")}</p>
          {!canEdit && <p className="muted">{t("routing.readOnly")}</p>}
        </>
      }
      form={(rule) => <RoutingRuleForm rule={rule} units={units.data ?? []} onSaved={saved} onCancel={editor.close} />}
    >
      <ErrorAlert error={remove.error ?? units.error} />
      <ListTable
        list={loadedList(rules)}
        caption={t("admin.routingRules")}
        emptyText={t("routing.none")}
        columns={canEdit ? [...columns, t("common.actions")] : columns}
        row={(rule) => (
          <tr>
            <th scope="row">{rule.category ? t(CATEGORY_LABELS[rule.category]) : t("routing.anyCategory")}</th>
            <td>{rule.place?.name ?? t("routing.anyPlace")}</td>
            <td>{rule.unit.name}</td>
            <td>{rule.priority}</td>
            {canEdit && (
              <td>
                <div className="row-actions">
                  <EditButton
                    label={t("routing.editNamed", { rule: describeRule(t, rule) })}
                    onEdit={() => editor.edit(rule)}
                  />
                  <ConfirmButton
                    label={t("routing.delete")}
                    confirmLabel={t("routing.confirmDelete", { rule: describeRule(t, rule) })}
                    busy={remove.busy}
                    onConfirm={() => void remove.run(rule)}
                  />
                </div>
              </td>
            )}
          </tr>
        )}
      />
    </AdminListPage>
  );
}
