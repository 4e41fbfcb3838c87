import { useState } from "react";
import { useI18n } from "@web/i18n";

type ConfirmButtonProps = { label: string; confirmLabel: string; busy?: boolean; onConfirm(): void };

/** A button for consequential actions: the first press asks, the second one acts. */
export function ConfirmButton({ label, confirmLabel, busy, onConfirm }: ConfirmButtonProps) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button--secondary" onClick={() => setAsking(true)} disabled={busy}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label}>
      <button
        type="button"
        className="button--danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button--secondary" onClick={() => setAsking(false)}>
        {t("common.cancel")}
      </button>
    </span>
  );
}
