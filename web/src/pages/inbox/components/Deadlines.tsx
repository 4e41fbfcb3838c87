import type { ReactNode } from "react";
import type { InboxItem } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { TimeAgo } from "./InboxBadges";

/** The response and resolution targets, when they were met, and a plain "late" when they were not. */
export function Deadlines({ item, now }: { item: InboxItem; now: number }) {
  const { t } = useI18n();
  const { deadlines } = item;
  const target = (due: string | null, doneAt: string | null, overdue: boolean): ReactNode => {
    if (doneAt)
      return (
        <>
          {t("deadline.done")} <TimeAgo iso={doneAt} now={now} />
        </>
      );
    if (!due) return "—";
    return (
      <>
        {overdue && <span className="badge deadline--overdue">{t("deadline.overdue")}</span>} {t("deadline.due")}{" "}
        <TimeAgo iso={due} now={now} />
      </>
    );
  };
  return (
    <section className="panel" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t("deadline.title")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("deadline.policy")}</dt>
          <dd>{deadlines.policy ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("deadline.firstResponse")}</dt>
          <dd data-testid="deadline-first-response">
            {target(deadlines.firstResponseDueAt, deadlines.firstRespondedAt, deadlines.overdue.firstResponse)}
          </dd>
        </div>
        <div>
          <dt>{t("deadline.resolution")}</dt>
          <dd>{target(deadlines.resolutionDueAt, deadlines.resolvedAt, deadlines.overdue.resolution)}</dd>
        </div>
      </dl>
    </section>
  );
}
