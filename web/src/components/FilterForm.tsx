import type { FormEvent, ReactNode } from "react";
import { useI18n } from "@web/i18n";
import { SelectField, type SelectFieldProps } from "./Field";

/** A row of list filters with "apply" and "reset"; a search landmark for screen-reader users. */
export function FilterForm({
  label,
  onApply,
  onReset,
  children,
}: {
  label: string;
  onApply(): void;
  onReset(): void;
  children: ReactNode;
}) {
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

/** A filter's select whose first choice, "all", leaves the filter off. */
export function FilterSelect({ children, ...select }: SelectFieldProps) {
  const { t } = useI18n();
  return (
    <SelectField {...select}>
      <option value="">{t("common.all")}</option>
      {children}
    </SelectField>
  );
}
