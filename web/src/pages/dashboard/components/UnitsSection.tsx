import { useState } from "react";
import { Link } from "react-router-dom";
import type { Query } from "@web/api/client";
import { useI18n, type MessageKey } from "@web/i18n";
import { DashboardSection } from "./DashboardSection";
import { csvHref } from "@web/pages/dashboard/filters";
import { formatCount, formatMinutes, formatRate } from "@web/pages/dashboard/format";
import type { UnitFigures, UnitsReport } from "@web/pages/dashboard/types";
import { useReport } from "@web/pages/dashboard/hooks/useReport";

type UnitRowName = { unitName: string | null; own: boolean };

/** A unit row's name: the anchor's own items say so; items without a unit are "not set". */
export function useUnitName() {
  const { t } = useI18n();
  return (row: UnitRowName) => {
    const name = row.unitName ?? t("dashboard.unknown");
    return row.own ? t("dashboard.units.own", { name }) : name;
  };
}

type Column = {
  id: string;
  label: MessageKey;
  value(row: UnitFigures): number | null;
  format(value: number | null, row: UnitFigures): string;
};

/** The league table: one row per unit, sortable by any figure; a unit's name opens the inbox. */
export function UnitsSection({ query }: { query: Query }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  const loaded = useReport<UnitsReport>("units", query);
  const [sort, setSort] = useState<{ column: string; descending: boolean }>({ column: "volume", descending: true });
  const title = t("dashboard.units.title");
  const columns: Column[] = [
    { id: "volume", label: "dashboard.units.volume", value: (row) => row.volume, format: formatCount },
    {
      id: "firstResponse",
      label: "dashboard.units.firstResponseMedian",
      value: (row) => row.firstResponse.calendarMinutes.median,
      format: (value, row) => formatMinutes(t, value, row.firstResponse.estimated),
    },
    {
      id: "firstResponseCompliance",
      label: "dashboard.units.firstResponseCompliance",
      value: (row) => row.compliance.firstResponse.rate,
      format: formatRate,
    },
    {
      id: "resolutionCompliance",
      label: "dashboard.units.resolutionCompliance",
      value: (row) => row.compliance.resolution.rate,
      format: formatRate,
    },
    { id: "reopenRate", label: "dashboard.units.reopenRate", value: (row) => row.reopen.rate, format: formatRate },
  ];
  const sorted = (rows: UnitFigures[]) => {
    const column = columns.find((candidate) => candidate.id === sort.column);
    if (!column)
      return [...rows].sort((a, b) => unitName(a).localeCompare(unitName(b), "id") * (sort.descending ? -1 : 1));
    // Rows without a figure go last whichever way the table is sorted.
    return [...rows].sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (x - y) * (sort.descending ? -1 : 1);
    });
  };
  const header = (id: string, label: string) => {
    const active = sort.column === id;
    return (
      <th key={id} scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ column: id, descending: active ? !sort.descending : id !== "unit" })}
        >
          {label}
          {active && <span aria-hidden="true">{sort.descending ? " ▼" : " ▲"}</span>}
        </button>
      </th>
    );
  };
  return (
    <DashboardSection
      title={title}
      loaded={loaded}
      csvHref={csvHref("units", query)}
      summary={(units) =>
        `${t("dashboard.units.summary", { count: units.data.length })} ${t("dashboard.units.inboxNote")}`
      }
      table={(units) => (
        <div className="table-scroll">
          <table className="figure-table" data-testid="units-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {header("unit", t("dashboard.units.unit"))}
                {columns.map((column) => header(column.id, t(column.label)))}
              </tr>
            </thead>
            <tbody>
              {sorted(units.data).map((row) => (
                <tr key={row.unitId ?? "none"}>
                  <th scope="row">
                    {row.unitId ? <Link to={`/inbox?unitId=${row.unitId}`}>{unitName(row)}</Link> : unitName(row)}
                  </th>
                  {columns.map((column) => (
                    <td key={column.id}>{column.format(column.value(row), row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    />
  );
}
