import type { InboxItem } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { useAction } from "@web/hooks/useAction";
import { useI18n, type MessageKey } from "@web/i18n";
import { AssignmentPicker } from "./AssignmentPicker";
import { manualMoves } from "@web/pages/inbox/lifecycle";
import type { ItemWrite } from "@web/pages/inbox/hooks/useInboxItem";
import { inboxApi } from "@web/pages/inbox/api";

const STATUS_ACTION_LABELS = {
  in_progress: "statusAction.in_progress",
  resolved: "statusAction.resolved",
  reopened: "statusAction.reopened",
  closed_spam: "statusAction.closed_spam",
} as const satisfies Record<string, MessageKey>;

/** Routing, assignee and the status moves the lifecycle allows from here. */
export function ItemHandling({ item, write }: { item: InboxItem; write: ItemWrite }) {
  const { t } = useI18n();
  const act = useAction(write);
  if (!item.permissions.handle) return null;
  const current = { unitId: item.unit?.id ?? "", assigneeId: item.assignee?.id ?? "" };
  return (
    <section className="panel" aria-labelledby="handling-title">
      <h2 id="handling-title">{t("inbox.handling")}</h2>
      <div className="actions">
        {manualMoves(item.status).map((status) =>
          status === "closed_spam" ? (
            <ConfirmButton
              key={status}
              label={t(STATUS_ACTION_LABELS[status])}
              confirmLabel={t("inbox.confirmSpam")}
              busy={act.busy}
              onConfirm={() => void act.run((id) => inboxApi.setStatus(id, { status }))}
            />
          ) : (
            <button
              key={status}
              type="button"
              className="button--secondary"
              disabled={act.busy}
              onClick={() => void act.run((id) => inboxApi.setStatus(id, { status }))}
            >
              {t(STATUS_ACTION_LABELS[status])}
            </button>
          ),
        )}
      </div>
      {/* Keyed by the current routing so a change made elsewhere resets the pickers. */}
      <ErrorAlert error={act.error} />
      <AssignmentPicker
        key={`${current.unitId}/${current.assigneeId}`}
        current={current}
        busy={act.busy}
        onAssign={(assignment) => void act.run((id) => inboxApi.assign(id, assignment))}
      />
    </section>
  );
}
