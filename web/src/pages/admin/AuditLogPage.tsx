import { fetchAllPages } from "../../api/client";
import type { AuditEvent, User } from "../../api/types";
import { SelectField, TextField } from "../../components/Field";
import { FilterForm } from "../../components/FilterForm";
import { ListStatus } from "../../components/ListStatus";
import { Page } from "../../components/Page";
import { useAllUnits } from "../../hooks/useAllUnits";
import { useCursorList } from "../../hooks/useCursorList";
import { useFilters } from "../../hooks/useFilters";
import { useLoad } from "../../hooks/useLoad";
import { useI18n } from "../../i18n";
import { UnitOptions } from "./UnitOptions";

const PAGE_SIZE = 50;
const EMPTY_FILTERS = { action: "", targetType: "", unitId: "", from: "", to: "", actorId: "" };

/** Date inputs give local calendar days; the API wants instants. `to` includes the whole day. */
function dayRange(from: string, to: string): { from?: string; to?: string } {
  const startOf = (day: string) => new Date(`${day}T00:00:00`);
  const nextDay = (day: string) => {
    const date = startOf(day);
    date.setDate(date.getDate() + 1);
    return date;
  };
  return { from: from ? startOf(from).toISOString() : undefined, to: to ? nextDay(to).toISOString() : undefined };
}

/** Read-only: who did what to which record, newest first. */
export function AuditLogPage() {
  const { t } = useI18n();
  const filters = useFilters(EMPTY_FILTERS);
  const { from, to, ...exact } = filters.applied;
  const events = useCursorList<AuditEvent>("/audit-events", { ...exact, ...dayRange(from, to), limit: PAGE_SIZE });
  const units = useAllUnits();
  const actors = useLoad(() => fetchAllPages<User>("/users", { limit: 200 }), []);

  return (
    <Page title={t("admin.audit")}>
      <FilterForm label={t("audit.filters")} onApply={filters.apply} onReset={filters.reset}>
        <TextField
          label={t("audit.action")}
          hint={t("audit.actionHint")}
          pattern="[a-z_.]+"
          value={filters.draft.action}
          onChange={(e) => filters.set("action", e.target.value)}
        />
        <TextField
          label={t("audit.targetType")}
          hint={t("audit.targetTypeHint")}
          pattern="[A-Za-z]+"
          value={filters.draft.targetType}
          onChange={(e) => filters.set("targetType", e.target.value)}
        />
        <SelectField label={t("audit.unit")} value={filters.draft.unitId} onChange={(e) => filters.set("unitId", e.target.value)}>
          <option value="">{t("common.all")}</option>
          <UnitOptions units={units.data ?? []} />
        </SelectField>
        <SelectField label={t("audit.actor")} value={filters.draft.actorId} onChange={(e) => filters.set("actorId", e.target.value)}>
          <option value="">{t("common.all")}</option>
          {(actors.data ?? []).map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </SelectField>
        <TextField label={t("audit.from")} type="date" value={filters.draft.from} onChange={(e) => filters.set("from", e.target.value)} />
        <TextField label={t("audit.to")} type="date" value={filters.draft.to} onChange={(e) => filters.set("to", e.target.value)} />
      </FilterForm>
      {events.items.length > 0 && <AuditTable events={events.items} />}
      <ListStatus list={events} />
    </Page>
  );
}

function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="table-scroll">
      <table className="audit-table">
        <caption className="visually-hidden">{t("admin.audit")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.time")}</th>
            <th scope="col">{t("audit.actor")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.target")}</th>
            <th scope="col">{t("audit.unit")}</th>
            <th scope="col">{t("audit.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </td>
              <td>{event.actor.label}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                {event.targetType}
                {event.targetId && <span className="muted"> {event.targetId}</span>}
              </td>
              <td>{event.unit?.name ?? "—"}</td>
              <td>
                <Changes changes={event.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Changes folded under the names of what changed, so long JSON does not stretch every row. */
function Changes({ changes }: { changes: unknown }) {
  if (changes === null || changes === undefined) return <>—</>;
  const summary = typeof changes === "object" && !Array.isArray(changes) ? Object.keys(changes).join(", ") : String(changes);
  return (
    <details className="changes">
      <summary>{summary || "{}"}</summary>
      <pre>{JSON.stringify(changes, null, 2)}</pre>
    </details>
  );
}
