import { api } from "@web/api/client";
import type { CannedResponse } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { ListTable, loadedList } from "@web/components/ListTable";
import { useAction } from "@web/hooks/useAction";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { AdminListPage, EditButton, useEditing } from "./components/AdminList";
import { CannedResponseForm } from "./components/CannedResponseForm";

/** The ready answers staff start replies from; only admins reach this page. */
export function CannedResponsesPage() {
  const { t } = useI18n();
  const responses = useLoad(async () => (await api.get<{ data: CannedResponse[] }>("/canned-responses")).data, []);
  const units = useAllUnits();
  const editor = useEditing<CannedResponse>();
  const remove = useAction(async (response: CannedResponse) => {
    await api.delete(`/canned-responses/${response.id}`);
    responses.reload();
  });
  const saved = () => {
    editor.close();
    responses.reload();
  };

  return (
    <AdminListPage
      title={t("admin.cannedResponses")}
      newLabel={t("canned.new")}
      editor={editor}
      notice={<p>{t("canned.howUsed")}</p>}
      form={(response) => (
        <CannedResponseForm response={response} units={units.data ?? []} onSaved={saved} onCancel={editor.close} />
      )}
    >
      <ErrorAlert error={remove.error ?? units.error} />
      <ListTable
        list={loadedList(responses)}
        caption={t("admin.cannedResponses")}
        emptyText={t("canned.none")}
        columns={[
          t("canned.titleField"),
          t("canned.body"),
          t("canned.unit"),
          t("canned.language"),
          t("common.actions"),
        ]}
        row={(response) => (
          <tr>
            <th scope="row">{response.title}</th>
            <td className="canned-body">{response.body}</td>
            <td>{response.unit?.name ?? t("canned.allUnits")}</td>
            <td>{t(response.language === "en" ? "canned.language.en" : "canned.language.id")}</td>
            <td>
              <div className="row-actions">
                <EditButton
                  label={t("canned.editNamed", { title: response.title })}
                  onEdit={() => editor.edit(response)}
                />
                <ConfirmButton
                  label={t("canned.delete")}
                  confirmLabel={t("canned.confirmDelete", { title: response.title })}
                  busy={remove.busy}
                  onConfirm={() => void remove.run(response)}
                />
              </div>
            </td>
          </tr>
        )}
      />
    </AdminListPage>
  );
}
