import { useState } from "react";
import type { BulkResult } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { AssignmentPicker } from "./AssignmentPicker";
import { type BulkBody, inboxApi } from "@web/pages/inbox/api";

type BulkAction = BulkBody["action"];

/** Acts on the selected items at once; the server answers item by item, and so does the bar. */
export function BulkBar({
  ids,
  onDone,
  onClear,
}: {
  ids: string[];
  onDone(succeeded: string[]): void;
  onClear(): void;
}) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<BulkResult | null>(null);
  const bulk = useAction(async (action: BulkAction) => {
    const result = await inboxApi.bulk({ ids, action });
    setOutcome(result);
    onDone(result.results.filter((r) => r.ok).map((r) => r.id));
  });
  const failures = outcome?.results.filter((r) => !r.ok) ?? [];
  const succeeded = (outcome?.results.length ?? 0) - failures.length;

  return (
    <section className="panel bulk-bar" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t("bulk.selected", { count: ids.length })}</h2>
      <div className="actions">
        <button
          type="button"
          disabled={bulk.busy}
          onClick={() => void bulk.run({ type: "status", status: "resolved" })}
        >
          {t("statusAction.resolved")}
        </button>
        <ConfirmButton
          label={t("statusAction.closed_spam")}
          confirmLabel={t("bulk.confirmSpam", { count: ids.length })}
          busy={bulk.busy}
          onConfirm={() => void bulk.run({ type: "status", status: "closed_spam" })}
        />
        <button type="button" className="button--secondary" onClick={onClear}>
          {t("bulk.clear")}
        </button>
      </div>
      <AssignmentPicker
        current={{ unitId: "", assigneeId: "" }}
        busy={bulk.busy}
        onAssign={(assignment) => void bulk.run({ type: "assign", ...assignment })}
      />
      <ErrorAlert error={bulk.error} />
      {outcome && succeeded > 0 && <Notice>{t("bulk.done", { count: succeeded })}</Notice>}
      {failures.length > 0 && (
        <div className="alert alert--error" role="alert">
          <p>{t("bulk.failed", { count: failures.length })}</p>
          <ul>
            {failures.map((failure) => (
              <li key={failure.id}>{failure.error?.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
