import { Link } from "react-router-dom";
import type { Query } from "@web/api/client";
import type { Loaded } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { CATEGORY_LABELS } from "@web/pages/inbox/labels";
import { DashboardSection, FigureTable } from "./DashboardSection";
import { csvHref } from "@web/pages/dashboard/filters";
import { formatMinutes } from "@web/pages/dashboard/format";
import type { Summary } from "@web/pages/dashboard/types";

/** Items past a deadline now, oldest first, each linking to its page in the inbox. */
export function OverdueSection({ query, summary }: { query: Query; summary: Loaded<Summary> }) {
  const { t, formatDateTime } = useI18n();
  const title = t("dashboard.overdue.title");
  const categoryName = (category: string | null) => {
    const key = category ? CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS] : undefined;
    return key ? t(key) : t("dashboard.unknown");
  };
  return (
    <DashboardSection
      title={title}
      loaded={summary}
      csvHref={csvHref("summary", query)}
      summary={(data) => t("dashboard.overdue.summary", { count: data.figures.overdue.current.count })}
      table={(data) => (
        <FigureTable
          caption={title}
          columns={[
            t("dashboard.overdue.item"),
            t("dashboard.category"),
            t("dashboard.overdue.unit"),
            t("dashboard.overdue.missed"),
            t("dashboard.overdue.by"),
          ]}
          rows={data.overdueItems.map((item) => [
            <Link to={`/inbox/${item.id}`}>
              {t("dashboard.overdue.open", { received: formatDateTime(item.receivedAt) })}
            </Link>,
            categoryName(item.category),
            item.unitName ?? t("dashboard.unknown"),
            t(
              item.missed === "firstResponse"
                ? "dashboard.overdue.missed.firstResponse"
                : "dashboard.overdue.missed.resolution",
            ),
            formatMinutes(t, item.overdueMinutes),
          ])}
        />
      )}
    />
  );
}
