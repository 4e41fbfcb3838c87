import { Link } from "react-router-dom";
import type { CalendarNotice as Notice } from "@web/api/types";
import { api } from "@web/api/client";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { ADMIN_WORKING_CALENDAR } from "@web/navigation";

/** From 1 October: next year's holiday decree is not entered yet, so its deadlines are estimates. */
export function CalendarNotice() {
  const { t } = useI18n();
  const notice = useLoad(() => api.get<Notice>("/working-calendar/notice"), []);
  const year = notice.data?.missingYear;
  if (!year) return null;
  return (
    <p className="alert alert--info" role="status" data-testid="calendar-notice">
      {t("workingCalendar.notice", { year })}{" "}
      <Link to={ADMIN_WORKING_CALENDAR.path}>{t("workingCalendar.noticeLink")}</Link>
    </p>
  );
}
