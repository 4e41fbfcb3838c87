import { fetchAllPages } from "@web/api/client";
import type { AuditEvent, User } from "@web/api/types";
import { TextField } from "@web/components/Field";
import { FilterForm, FilterSelect } from "@web/components/FilterForm";
import { ListTable } from "@web/components/ListTable";
import { Page } from "@web/components/Page";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useCursorList } from "@web/hooks/useCursorList";
import { useFilters } from "@web/hooks/useFilters";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { UnitOptions } from "./components/UnitOptions";
import { auditWords } from "./auditWords";
import { Link } from "react-router-dom";

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
          {...filters.field("action")}
        />
        <TextField
          label={t("audit.targetType")}
          hint={t("audit.targetTypeHint")}
          pattern="[A-Za-z]+"
          {...filters.field("targetType")}
        />
        <FilterSelect label={t("audit.unit")} {...filters.field("unitId")}>
          <UnitOptions units={units.data ?? []} />
        </FilterSelect>
        <FilterSelect label={t("audit.actor")} {...filters.field("actorId")}>
          {(actors.data ?? []).map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </FilterSelect>
        <TextField label={t("audit.from")} type="date" {...filters.field("from")} />
        <TextField label={t("audit.to")} type="date" {...filters.field("to")} />
      </FilterForm>
      <ListTable
        list={events}
        caption={t("admin.audit")}
        className="audit-table"
        columns={[t("audit.time"), t("audit.actor"), t("audit.what"), t("audit.unit"), t("audit.changes")]}
        row={(event) => <AuditRow event={event} />}
      />
    </Page>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const { formatDateTime } = useI18n();
  return (
    <tr>
      <td>
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </td>
      <td>{event.actor.label}</td>
      <td>
        <WhatHappened event={event} />
      </td>
      <td>{event.unit?.name ?? "—"}</td>
      <td>
        <Changes changes={event.changes} />
      </td>
    </tr>
  );
}

/** "approved post “Jadwal posyandu”", the subject linked to its page; the code stays as a tooltip for searching. */
function WhatHappened({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const { verb, subject } = auditWords(event);
  const verbText = "key" in verb ? t(verb.key) : t("audit.unknownVerb", { what: verb.unknown });
  const subjectText =
    subject &&
    [subject.key ? t(subject.key) : subject.type, subject.name && `“${subject.name}”`].filter(Boolean).join(" ");
  return (
    <span title={t("audit.code", { action: event.action })} data-testid="audit-what">
      {verbText} {subject && (subject.href ? <Link to={subject.href}>{subjectText}</Link> : subjectText)}
    </span>
  );
}

/** Changes folded under the names of what changed, so long JSON does not stretch every row. */
function Changes({ changes }: { changes: unknown }) {
  if (changes === null || changes === undefined) return <>—</>;
  const summary =
    typeof changes === "object" && !Array.isArray(changes) ? Object.keys(changes).join(", ") : String(changes);
  return (
    <details className="changes">
      <summary>{summary || "{}"}</summary>
      <pre>{JSON.stringify(changes, null, 2)}</pre>
    </details>
  );
}
