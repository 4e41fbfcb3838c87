import type { CSSProperties } from "react";
import type { Query } from "@web/api/client";
import type { Unit } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { DashboardSection, FigureTable } from "./DashboardSection";
import { csvHref } from "@web/pages/dashboard/filters";
import type { AreasReport } from "@web/pages/dashboard/types";
import { useReport } from "@web/pages/dashboard/hooks/useReport";

/** Share of the busiest kecamatan above which a tile is dark enough for white text. */
const STRONG_SHARE = 0.55;

/** Items per kecamatan: tiles of the region's kecamatan sized and shaded by count, and the ranked numbers. */
export function AreasSection({ query, units }: { query: Query; units: Unit[] }) {
  const { t } = useI18n();
  const loaded = useReport<AreasReport>("areas", query);
  const title = t("dashboard.areas.title");
  const kecamatan = units.filter((unit) => unit.type === "kecamatan");
  return (
    <DashboardSection
      title={title}
      loaded={loaded}
      csvHref={csvHref("areas", query)}
      summary={(areas) =>
        t("dashboard.areas.summary", {
          count: areas.data.length,
          top: areas.data[0]?.unitName ?? "–",
          unplaced: areas.unplaced,
        })
      }
      chart={(areas) => {
        const counts = new Map(areas.data.map((area) => [area.unitId, area.count]));
        const max = Math.max(1, ...counts.values());
        // Every kecamatan in scope gets a tile, the quiet ones too; the busiest come first.
        const tiles = kecamatan
          .map((unit) => ({ unit, count: counts.get(unit.id) ?? 0 }))
          .sort((a, b) => b.count - a.count || a.unit.name.localeCompare(b.unit.name, "id"));
        return (
          <ul className="area-tiles" aria-label={t("dashboard.areas.tiles")}>
            {tiles.map(({ unit, count }) => {
              const share = count / max;
              const style: CSSProperties = {
                flexGrow: 1 + 3 * share,
                background: `rgba(11, 87, 164, ${0.08 + 0.92 * share})`,
              };
              return (
                <li
                  key={unit.id}
                  style={style}
                  className={share > STRONG_SHARE ? "area-tiles__tile--strong" : undefined}
                >
                  <strong>{count}</strong> {unit.name}
                </li>
              );
            })}
          </ul>
        );
      }}
      table={(areas) => (
        <FigureTable
          caption={title}
          columns={[
            t("dashboard.areas.rank"),
            t("dashboard.areas.kecamatan"),
            t("dashboard.areas.count"),
            t("dashboard.areas.previous"),
            t("dashboard.areas.places"),
          ]}
          rows={areas.data.map((area) => [
            area.rank,
            area.unitName ?? t("dashboard.unknown"),
            area.count,
            area.previous,
            area.places
              .slice(0, 3)
              .map((place) => `${place.unitName ?? "–"} (${place.count})`)
              .join(", "),
          ])}
        />
      )}
    />
  );
}
