import { useState } from "react";
import { useI18n } from "@web/i18n";

/** A secret the server returns once (temporary password, API token), with a copy button. */
export function OneTimeSecret({ title, value, onDismiss }: { title: string; value: string; onDismiss(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false); // clipboard needs HTTPS or localhost; the value stays selectable
    }
  };

  return (
    <section className="secret" aria-labelledby="secret-title">
      <h2 id="secret-title">{title}</h2>
      <p className="secret__warning">{t("secret.warning")}</p>
      <p>
        <code className="secret__value" data-testid="one-time-secret">
          {value}
        </code>
      </p>
      <div className="actions">
        <button type="button" onClick={copy}>
          {t("secret.copy")}
        </button>
        <button type="button" className="button--secondary" onClick={onDismiss}>
          {t("secret.done")}
        </button>
      </div>
      <p role="status" className="secret__status">
        {copied === true ? t("secret.copied") : copied === false ? t("secret.copyFailed") : ""}
      </p>
    </section>
  );
}
