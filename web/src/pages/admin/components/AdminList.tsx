import { Fragment, useState, type ReactNode } from "react";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { Page } from "@web/components/Page";
import { useI18n } from "@web/i18n";

/** Which record's form is open: a new one, an existing one, or none. */
export function useEditing<T extends { id: string }>() {
  const [editing, setEditing] = useState<T | "new" | null>(null);
  return {
    editing,
    create: () => setEditing("new"),
    edit: (record: T) => setEditing(record),
    close: () => setEditing(null),
  };
}

export type Editor<T extends { id: string }> = ReturnType<typeof useEditing<T>>;

type AdminListPageProps<T extends { id: string }> = {
  title: string;
  newLabel: string;
  /** False for those who may only read the list: no "new" button. */
  canCreate?: boolean;
  /** Further page actions, beside the "new" button. */
  actions?: ReactNode;
  editor: Editor<T>;
  /** Shown above the form, e.g. a one-time secret. */
  notice?: ReactNode;
  /** The create (no record) or edit form; it remounts for each record. */
  form(record: T | undefined): ReactNode;
  children: ReactNode;
};

/** An administration list page: its "new" button while no form is open, the form when one is, then the list. */
export function AdminListPage<T extends { id: string }>({
  title,
  newLabel,
  canCreate = true,
  actions,
  editor,
  notice,
  form,
  children,
}: AdminListPageProps<T>) {
  const { editing } = editor;
  const newButton = (
    <button type="button" onClick={editor.create}>
      {newLabel}
    </button>
  );
  return (
    <Page
      title={title}
      actions={
        <>
          {actions}
          {canCreate && editing === null && newButton}
        </>
      }
    >
      {notice}
      {editing !== null && (
        <Fragment key={editing === "new" ? "new" : editing.id}>
          {form(editing === "new" ? undefined : editing)}
        </Fragment>
      )}
      {children}
    </Page>
  );
}

type RowActionsProps = {
  editLabel: string;
  onEdit(): void;
  active: boolean;
  confirmDeactivate: string;
  busy: boolean;
  onSetActive(active: boolean): void;
  /** Further actions, between "edit" and (de)activation. */
  children?: ReactNode;
};

/** "Edit", named for screen readers after the record it opens. */
export function EditButton({ label, onEdit }: { label: string; onEdit(): void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button--secondary" onClick={onEdit} aria-label={label}>
      {t("common.edit")}
    </button>
  );
}

/** A record's row actions: edit, then deactivate (asks first) or reactivate. */
export function RowActions({
  editLabel,
  onEdit,
  active,
  confirmDeactivate,
  busy,
  onSetActive,
  children,
}: RowActionsProps) {
  const { t } = useI18n();
  return (
    <div className="row-actions">
      <EditButton label={editLabel} onEdit={onEdit} />
      {children}
      {active ? (
        <ConfirmButton
          label={t("common.deactivate")}
          confirmLabel={confirmDeactivate}
          busy={busy}
          onConfirm={() => onSetActive(false)}
        />
      ) : (
        <button type="button" className="button--secondary" disabled={busy} onClick={() => onSetActive(true)}>
          {t("common.reactivate")}
        </button>
      )}
    </div>
  );
}
