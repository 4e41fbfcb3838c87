import { useState } from "react";
import { useNavigate } from "react-router-dom";
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
import { SelectField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { NavList } from "@web/components/NavList";
import { Page } from "@web/components/Page";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useCursorList } from "@web/hooks/useCursorList";
import { useUrlFilters } from "@web/hooks/useUrlFilters";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { UnitOptions } from "@web/pages/admin/components/UnitOptions";
import { EarlyWarningsBanner } from "./components/EarlyWarningsBanner";
import { BulkBar } from "./components/BulkBar";
import { DrillDownNote } from "./components/DrillDownNote";
import { InboxList } from "./components/InboxList";
import { useShortcuts } from "./hooks/keyboard";
import { CATEGORY_LABELS, INBOX_STATUS_LABELS, SOURCE_LABELS, URGENCY_LABELS } from "./labels";
import { isOpen, isOverdue } from "./lifecycle";
import { useLiveInbox } from "./hooks/useLiveInbox";
import { useNow } from "./hooks/useNow";
import { INBOX_VIEWS } from "./views";

const PAGE_SIZE = 50;
/**
 * Every filter the inbox keeps in the URL. The last five come from a dashboard figure (its unit
 * with the units below, place, channel and period); the form does not edit them, "reset" clears them.
 */
const EMPTY_FILTERS = {
  q: "",
  source: "",
  category: "",
  urgency: "",
  status: "",
  unitId: "",
  sort: "newest",
  underUnitId: "",
  placeUnitId: "",
  channelId: "",
  from: "",
  to: "",
};
type Filters = typeof EMPTY_FILTERS;
const SORTS = ["newest", "deadline"] as const;

/** Whether an item that arrived or changed live belongs in this view with these filters. */
function belongsTo(view: InboxView, filters: Filters, user: Session["user"]) {
  return (item: InboxItem): boolean => {
    // Searches, unit trees, places and periods only the server can judge; such a list waits for a reload.
    if (filters.q || filters.underUnitId || filters.placeUnitId || filters.from || filters.to) return false;
    const fields: [string, string | null | undefined][] = [
      [filters.source, item.source],
      [filters.category, item.category],
      [filters.urgency, item.urgency],
      [filters.status, item.status],
      [filters.unitId, item.unit?.id],
      [filters.channelId, item.channel?.id],
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

/**
 * The inbox: one view (tab), filters and search kept in the URL, a compact list (cards on a
 * phone), bulk actions for those who handle items, live arrivals. Leaders read it only.
 */
export function InboxPage({ view }: { view: InboxView }) {
  const { t } = useI18n();
  const { user, abilities } = useSignedIn();
  const navigate = useNavigate();
  const now = useNow();
  const filters = useUrlFilters(EMPTY_FILTERS);
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
  const toggleAll = () =>
    setSelected((current) =>
      items.every((item) => current.has(item.id)) ? new Set() : new Set(items.map((item) => item.id)),
    );
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
  // The form's own filters (search aside): how many are on, shown on the collapsed filters.
  const formFilters = (["source", "category", "urgency", "status", "unitId"] as const).filter(
    (name) => filters.applied[name],
  ).length;

  return (
    <Page title={title}>
      <EarlyWarningsBanner />
      <NavList label={t("inbox.views")} className="sub-nav" sections={INBOX_VIEWS} />
      <FilterForm label={t("inbox.filters")} onApply={filters.apply} onReset={filters.reset}>
        <TextField type="search" label={t("inbox.search")} hint={t("inbox.searchHint")} {...filters.field("q")} />
        <details className="filters__more" open={formFilters > 0}>
          <summary data-testid="inbox-more-filters">
            {formFilters > 0 ? t("inbox.moreFiltersOn", { count: formFilters }) : t("inbox.moreFilters")}
          </summary>
          <div className="filters__fields">
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
          </div>
        </details>
      </FilterForm>
      <DrillDownNote filters={filters.applied} units={units.data ?? []} />
      <div className="inbox-toolbar">
        <SelectField
          label={t("inbox.sort")}
          value={filters.applied.sort}
          onChange={(event) => filters.applyNow("sort", event.target.value)}
          data-testid="inbox-sort"
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`inbox.sort.${sort}`)}
            </option>
          ))}
        </SelectField>
        <p className="muted inbox-toolbar__hint">
          {abilities.handleInbox ? t("inbox.shortcuts") : t("inbox.readOnly")}
        </p>
      </div>
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
      <InboxList
        list={{ ...list, items }}
        caption={title}
        now={now}
        currentId={items[cursor]?.id}
        onCurrent={(item) => setCursor(items.indexOf(item))}
        selection={abilities.handleInbox ? { selected, toggle, toggleAll } : null}
      />
    </Page>
  );
}
