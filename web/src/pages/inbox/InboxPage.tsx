import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import {
  INBOX_CATEGORIES,
  INBOX_SOURCES,
  INBOX_STATUSES,
  URGENCIES,
  type InboxItem,
  type InboxView,
  type Session,
} from "@web/api/types";
import { FilterForm, FilterSelect } from "@web/components/FilterForm";
import { TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { ListTable } from "@web/components/ListTable";
import { NavList } from "@web/components/NavList";
import { Page } from "@web/components/Page";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useCursorList } from "@web/hooks/useCursorList";
import { useFilters } from "@web/hooks/useFilters";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { UnitOptions } from "@web/pages/admin/components/UnitOptions";
import { EarlyWarningsBanner } from "./components/EarlyWarningsBanner";
import { BulkBar } from "./components/BulkBar";
import { DeadlineState, InboxStatusBadge, SourceLabel, TimeAgo, UrgencyBadge } from "./components/InboxBadges";
import { useShortcuts } from "./hooks/keyboard";
import { CATEGORY_LABELS, INBOX_STATUS_LABELS, SOURCE_LABELS, URGENCY_LABELS } from "./labels";
import { firstLine, isOpen, isOverdue } from "./lifecycle";
import { useLiveInbox } from "./hooks/useLiveInbox";
import { useNow } from "./hooks/useNow";
import { INBOX_VIEWS } from "./views";

const PAGE_SIZE = 50;
const EMPTY_FILTERS = { q: "", source: "", category: "", urgency: "", status: "", unitId: "" };
type Filters = typeof EMPTY_FILTERS;

/** Whether an item that arrived or changed live belongs in this view with these filters. */
function belongsTo(view: InboxView, filters: Filters, user: Session["user"]) {
  return (item: InboxItem): boolean => {
    // Full-text matches only the server can judge; such a list waits for a reload.
    if (filters.q) return false;
    const fields: [string, string | null | undefined][] = [
      [filters.source, item.source],
      [filters.category, item.category],
      [filters.urgency, item.urgency],
      [filters.status, item.status],
      [filters.unitId, item.unit?.id],
    ];
    if (fields.some(([wanted, actual]) => wanted && wanted !== actual)) return false;
    const inView: Record<InboxView, () => boolean> = {
      all: () => true,
      mine: () => item.assignee?.id === user.id,
      my_units: () => user.units.some((unit) => unit.id === item.unit?.id || unit.id === item.informedUnit?.id),
      unassigned: () => !item.assignee && isOpen(item.status),
      overdue: () => isOverdue(item),
      urgent: () => isOpen(item.status) && (item.urgency === "darurat" || item.urgency === "tinggi"),
    };
    return inView[view]();
  };
}

/** The inbox: one view (tab), filters and search, a dense list, bulk actions and live arrivals. */
export function InboxPage({ view }: { view: InboxView }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const now = useNow();
  // A link may open the inbox already filtered (the dashboard's units link with ?unitId=…).
  const [searchParams] = useSearchParams();
  const filters = useFilters({ ...EMPTY_FILTERS, unitId: searchParams.get("unitId") ?? "" });
  const units = useAllUnits();
  const query = { ...filters.applied, view, limit: PAGE_SIZE };
  const list = useCursorList<InboxItem>("/inbox", query);
  const live = useLiveInbox(list, belongsTo(view, filters.applied, user), JSON.stringify(query));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const items = live.items;
  const title = t("nav.inbox");

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const moveCursor = (step: number) => {
    const next = Math.min(Math.max(cursor + step, 0), items.length - 1);
    setCursor(next);
    document.getElementById(`inbox-row-${items[next]?.id}`)?.scrollIntoView({ block: "nearest" });
  };
  useShortcuts({
    j: () => moveCursor(1),
    k: () => moveCursor(-1),
    // biome-ignore lint/correctness/noComponentHookFactories: the key's name, not a component.
    Enter: () => items[cursor] && navigate(`/inbox/${items[cursor].id}`),
  });

  return (
    <Page title={title}>
      <EarlyWarningsBanner />
      <NavList label={t("inbox.views")} className="sub-nav" sections={INBOX_VIEWS} />
      <FilterForm label={t("inbox.filters")} onApply={filters.apply} onReset={filters.reset}>
        <TextField type="search" label={t("inbox.search")} hint={t("inbox.searchHint")} {...filters.field("q")} />
        <FilterSelect label={t("inbox.source")} {...filters.field("source")}>
          <LabelledOptions values={INBOX_SOURCES} labels={SOURCE_LABELS} />
        </FilterSelect>
        <FilterSelect label={t("inbox.category")} {...filters.field("category")}>
          <LabelledOptions values={INBOX_CATEGORIES} labels={CATEGORY_LABELS} />
        </FilterSelect>
        <FilterSelect label={t("inbox.urgency")} {...filters.field("urgency")}>
          <LabelledOptions values={URGENCIES} labels={URGENCY_LABELS} />
        </FilterSelect>
        <FilterSelect label={t("common.status")} {...filters.field("status")}>
          <LabelledOptions values={INBOX_STATUSES} labels={INBOX_STATUS_LABELS} />
        </FilterSelect>
        <FilterSelect label={t("inbox.unit")} {...filters.field("unitId")}>
          <UnitOptions units={units.data ?? []} />
        </FilterSelect>
      </FilterForm>
      <p className="muted">{t("inbox.shortcuts")}</p>
      {live.newCount > 0 && (
        <p className="alert alert--info" role="status">
          {t("inbox.newItems", { count: live.newCount })}{" "}
          <button type="button" className="button--link" onClick={live.showNew}>
            {t("inbox.showNew")}
          </button>
        </p>
      )}
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          onDone={(succeeded) => {
            setSelected((current) => new Set([...current].filter((id) => !succeeded.includes(id))));
            list.reload();
          }}
          onClear={() => setSelected(new Set())}
        />
      )}
      <ListTable
        list={{ ...list, items }}
        caption={title}
        className="inbox-table"
        emptyText={t("inbox.none")}
        columns={[
          t("inbox.select"),
          t("inbox.urgency"),
          t("inbox.source"),
          t("inbox.author"),
          t("inbox.message"),
          t("inbox.place"),
          t("inbox.unit"),
          t("inbox.assignee"),
          t("inbox.received"),
          t("inbox.deadline"),
          t("common.status"),
        ]}
        row={(item) => (
          <tr
            id={`inbox-row-${item.id}`}
            data-testid="inbox-row"
            className={[
              "inbox-row",
              `inbox-row--${item.urgency ?? "untriaged"}`,
              item.pinned && "inbox-row--pinned",
              items[cursor]?.id === item.id && "inbox-row--current",
            ]
              .filter(Boolean)
              .join(" ")}
            onClick={() => setCursor(items.indexOf(item))}
          >
            <td>
              <input
                type="checkbox"
                checked={selected.has(item.id)}
                onChange={() => toggle(item.id)}
                aria-label={t("inbox.selectItem", { name: item.author.name })}
              />
            </td>
            <td>
              <UrgencyBadge urgency={item.urgency} />
              {item.pinned && <span className="pin">{t("inbox.pinned")}</span>}
            </td>
            <td>
              <SourceLabel source={item.source} channelName={item.channel?.name} />
            </td>
            <td>{item.author.name}</td>
            <th scope="row" className="inbox-row__text">
              <Link to={`/inbox/${item.id}`}>{firstLine(item.text)}</Link>
            </th>
            <td>{item.place?.name ?? "—"}</td>
            <td>
              {item.unit?.name ?? "—"}
              {item.informedUnit && (
                <span className="muted"> · {t("inbox.informed", { unit: item.informedUnit.name })}</span>
              )}
            </td>
            <td>{item.assignee?.name ?? "—"}</td>
            <td>
              <TimeAgo iso={item.receivedAt} now={now} />
            </td>
            <td>
              <DeadlineState item={item} now={now} />
            </td>
            <td>
              <InboxStatusBadge status={item.status} />
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
