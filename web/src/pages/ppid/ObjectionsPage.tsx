import { Link, useSearchParams } from "react-router-dom";
import type { PpidObjection } from "@web/api/types";
import { ListTable } from "@web/components/ListTable";
import { Page } from "@web/components/Page";
import { useCursorList } from "@web/hooks/useCursorList";
import { useI18n } from "@web/i18n";
import type { ObjectionView } from "@server/ppid/listing";
import { DeadlineBadge, useDay } from "./components/DeadlineBadge";
import { OBJECTION_OUTCOMES, OBJECTION_VIEW_LABELS } from "./labels";

const VIEWS: readonly ObjectionView[] = ["mine", "open", "overdue", "answered", "all"];

/** Objections to the atasan PPID: those the caller answers, and those of the caller's PPID. */
export function ObjectionsPage() {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  const [params] = useSearchParams();
  const view = VIEWS.find((candidate) => candidate === params.get("view")) ?? "all";
  const list = useCursorList<PpidObjection>("/ppid/objections", { view });
  return (
    <Page title={t("ppid.objections.title")}>
      <nav aria-label={t("ppid.objections.views")} className="sub-nav">
        <ul>
          {VIEWS.map((candidate) => (
            <li key={candidate}>
              <Link
                to={`?view=${candidate}`}
                aria-current={candidate === view ? "page" : undefined}
                className={candidate === view ? "active" : undefined}
              >
                {t(OBJECTION_VIEW_LABELS[candidate])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ListTable
        list={list}
        caption={t("ppid.objections.title")}
        emptyText={t("ppid.objections.none")}
        columns={[
          t("ppid.objection.number"),
          t("ppid.field.registrationNumber"),
          t("ppid.field.unit"),
          t("ppid.objection.filedAt"),
          t("ppid.objection.answerDue"),
          t("common.status"),
        ]}
        row={(objection) => (
          <tr>
            <th scope="row">
              <Link to={`/ppid/objections/${objection.id}`}>{objection.registrationNumber}</Link>
            </th>
            <td>{objection.request.registrationNumber}</td>
            <td>{objection.request.unit.name}</td>
            <td>{formatDateTime(objection.filedAt)}</td>
            <td>
              {day(objection.deadline.answerDueOn)} <DeadlineBadge deadline={objection.deadline} />
            </td>
            <td>
              {objection.answer?.outcome
                ? t(OBJECTION_OUTCOMES[objection.answer.outcome])
                : t("ppid.objection.notAnswered")}
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
