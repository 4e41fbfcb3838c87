import type { PpidRequestRow } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { DEADLINE_STATES } from "@web/pages/ppid/labels";

type Deadline = { state: PpidRequestRow["deadline"]["state"]; workingDaysLeft: number | null };

/** Where a deadline stands, in words and colour: on time, due soon, overdue, met or missed. */
export function DeadlineBadge({ deadline }: { deadline: Deadline }) {
  const { t } = useI18n();
  const left =
    deadline.workingDaysLeft !== null && deadline.state !== "overdue"
      ? ` · ${t("ppid.deadline.daysLeft", { count: deadline.workingDaysLeft })}`
      : "";
  return (
    <span className={`badge ppid-deadline ppid-deadline--${deadline.state}`}>
      {t(DEADLINE_STATES[deadline.state])}
      {left}
    </span>
  );
}

/** "24 Agu 2026" from a YYYY-MM-DD date, in the UI's language, without shifting it through a time zone. */
export function useDay(): (date: string | null) => string {
  const { intlLocale } = useI18n();
  const format = new Intl.DateTimeFormat(intlLocale, { dateStyle: "medium", timeZone: "UTC" });
  return (date) => (date ? format.format(new Date(`${date}T00:00:00Z`)) : "—");
}
