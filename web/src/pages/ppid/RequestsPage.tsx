import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { PpidRequestRow } from "@web/api/types";
import { ListTable } from "@web/components/ListTable";
import { Page } from "@web/components/Page";
import { useCursorList } from "@web/hooks/useCursorList";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import type { RequestView } from "@server/ppid/listing";
import { DeadlineBadge, useDay } from "./components/DeadlineBadge";
import { DeadlineLists } from "./components/DeadlineLists";
import { CHANNELS, DECISIONS, REQUEST_VIEW_LABELS, STATUSES } from "./labels";

const VIEWS: readonly RequestView[] = ["open", "due_soon", "overdue", "decided", "all"];

/** The requests of the caller's PPID (every request for the PPID Utama), by where their deadline stands. */
export function RequestsPage() {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  const { abilities } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((candidate) => candidate === params.get("view")) ?? "open") as RequestView;
  const [typed, setTyped] = useState(params.get("q") ?? "");
  const q = params.get("q") ?? undefined;
  const list = useCursorList<PpidRequestRow>("/ppid/requests", { view, q });

  return (
    <Page
      title={t("ppid.requests.title")}
      actions={
        abilities.registerPpidRequests && (
          <Link className="button" to="/ppid/requests/new">
            {t("ppid.requests.new")}
          </Link>
        )
      }
    >
      <DeadlineLists />
      <nav aria-label={t("ppid.requests.views")} className="sub-nav">
        <ul>
          {VIEWS.map((candidate) => (
            <li key={candidate}>
              <Link
                to={`?view=${candidate}`}
                aria-current={candidate === view ? "page" : undefined}
                className={candidate === view ? "active" : undefined}
              >
                {t(REQUEST_VIEW_LABELS[candidate])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form
        className="form form--inline"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(typed.trim() ? { view, q: typed.trim() } : { view });
        }}
      >
        <label htmlFor="ppid-search">{t("ppid.requests.search")}</label>
        <input id="ppid-search" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit">{t("common.apply")}</button>
      </form>
      <ListTable
        list={list}
        caption={t("ppid.requests.title")}
        emptyText={t("ppid.requests.none")}
        columns={[
          t("ppid.field.registrationNumber"),
          t("ppid.field.receivedAt"),
          t("ppid.field.applicant"),
          t("ppid.field.unit"),
          t("ppid.field.channel"),
          t("common.status"),
          t("ppid.field.noticeDue"),
        ]}
        row={(request) => (
          <tr>
            <th scope="row">
              <Link to={`/ppid/requests/${request.id}`}>{request.registrationNumber}</Link>
            </th>
            <td>{formatDateTime(request.receivedAt)}</td>
            <td>{request.applicantName}</td>
            <td>{request.unit.name}</td>
            <td>{t(CHANNELS[request.channel])}</td>
            <td>{request.decision ? t(DECISIONS[request.decision]) : t(STATUSES[request.status])}</td>
            <td>
              {day(request.deadline.effectiveDueOn)} <DeadlineBadge deadline={request.deadline} />
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
