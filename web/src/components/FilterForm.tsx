import type { FormEvent, ReactNode } from "react";
import { useI18n } from "../i18n";

/** A row of list filters with "apply" and "reset"; a search landmark for screen-reader users. */
export function FilterForm({ label, onApply, onReset, children }: { label: string; onApply(): void; onReset(): void; children: ReactNode }) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <form role="search" aria-label={label} className="filters" onSubmit={submit}>
      {children}
      <div className="actions">
        <button type="submit">{t("common.apply")}</button>
        <button type="button" className="button--secondary" onClick={onReset}>
          {t("common.reset")}
        </button>
      </div>
    </form>
  );
}
