import { useId, type FormEvent, type ReactNode } from "react";
import { useI18n } from "@web/i18n";
import { ErrorAlert } from "./Alerts";

type PanelFormProps = {
  title: string;
  error: unknown;
  busy: boolean;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
};

/** A titled create/edit form: its fields, the request's error, then "save" and "cancel". */
export function PanelForm({ title, error, busy, onSubmit, onCancel, children }: PanelFormProps) {
  const { t } = useI18n();
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} className="form panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("common.save")}
        </button>
        <button type="button" className="button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
