import { useI18n } from "@web/i18n";
import type { SiteEntrySummary } from "@web/pages/sites/api";

/** Where an entry stands: its status, whether a change waits, and the reviewer's comment. */
export function EntryStatus({ entry }: { entry: SiteEntrySummary }) {
  const { t } = useI18n();
  return (
    <span data-testid="site-entry-status">
      <span className={`badge badge--${entry.status}`}>{t(`sites.status.${entry.status}`)}</span>
      {entry.pending && entry.everPublished && <span className="muted"> · {t("sites.changeWaiting")}</span>}
      {entry.status === "returned" && entry.reviewNote && (
        <span className="field__error"> · {t("sites.reviewNote", { note: entry.reviewNote })}</span>
      )}
    </span>
  );
}
