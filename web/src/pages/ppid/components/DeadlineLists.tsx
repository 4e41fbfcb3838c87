import { Link } from "react-router-dom";
import type { PpidDeadlineLists } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { ppidApi } from "@web/pages/ppid/api";
import { useDay } from "./DeadlineBadge";

type Row = PpidDeadlineLists["requests"]["overdue"]["rows"][number];

/**
 * Warnings before PPID deadlines and what is overdue: requests waiting for their written notice
 * and objections waiting for the atasan PPID's answer. Numbers, units and dates only.
 */
export function DeadlineLists({ unitId }: { unitId?: string }) {
  const { t } = useI18n();
  const { abilities } = useSignedIn();
  const lists = useLoad(() => ppidApi.deadlines(unitId), [unitId]);
  const data = lists.data;
  return (
    <section className="panel ppid-deadlines" aria-labelledby="ppid-deadlines-title">
      <h2 id="ppid-deadlines-title">{t("ppid.deadlines.title")}</h2>
      <ErrorAlert error={lists.error} />
      {data && (
        <div className="ppid-deadlines__grid">
          <DeadlineList
            title={t("ppid.deadlines.requestsOverdue", { count: data.requests.overdue.count })}
            rows={data.requests.overdue.rows}
            late
            link={abilities.ppidRequests ? "requests" : null}
          />
          <DeadlineList
            title={t("ppid.deadlines.requestsDueSoon", { count: data.requests.dueSoon.count })}
            rows={data.requests.dueSoon.rows}
            late={false}
            link={abilities.ppidRequests ? "requests" : null}
          />
          <DeadlineList
            title={t("ppid.deadlines.objectionsOverdue", { count: data.objections.overdue.count })}
            rows={data.objections.overdue.rows}
            late
            link={abilities.ppidObjections ? "objections" : null}
          />
          <DeadlineList
            title={t("ppid.deadlines.objectionsDueSoon", { count: data.objections.dueSoon.count })}
            rows={data.objections.dueSoon.rows}
            late={false}
            link={abilities.ppidObjections ? "objections" : null}
          />
        </div>
      )}
    </section>
  );
}

function DeadlineList({
  title,
  rows,
  late,
  link,
}: {
  title: string;
  rows: Row[];
  late: boolean;
  link: "requests" | "objections" | null;
}) {
  const { t } = useI18n();
  const day = useDay();
  return (
    <div>
      <h3>{title}</h3>
      {rows.length > 0 && (
        <ul>
          {rows.map((row) => (
            <li key={row.id} className={late ? "ppid-deadline--overdue" : "ppid-deadline--warning"}>
              {link ? <Link to={`/ppid/${link}/${row.id}`}>{row.registrationNumber}</Link> : row.registrationNumber} ·{" "}
              {row.unitName} · {day(row.dueOn)} (
              {late
                ? t("ppid.deadline.daysLate", { count: row.workingDays })
                : t("ppid.deadline.daysLeft", { count: row.workingDays })}
              )
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
