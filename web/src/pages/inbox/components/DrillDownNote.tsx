import type { Unit } from "@web/api/types";
import { useI18n } from "@web/i18n";

type DrillDown = { underUnitId: string; placeUnitId: string; channelId: string; from: string; to: string };

/**
 * What a list opened from a dashboard figure is limited to (the unit with the units below it,
 * the place, the channel, the period), which the form does not show; "reset" clears it.
 */
export function DrillDownNote({ filters, units }: { filters: DrillDown; units: readonly Unit[] }) {
  const { t } = useI18n();
  const unitName = (id: string) => units.find((unit) => unit.id === id)?.name ?? "…";
  const parts = [
    filters.underUnitId && t("inbox.drillDown.unit", { unit: unitName(filters.underUnitId) }),
    filters.placeUnitId && t("inbox.drillDown.place", { place: unitName(filters.placeUnitId) }),
    filters.channelId && t("inbox.drillDown.channel"),
    (filters.from || filters.to) && t("inbox.drillDown.period", { from: filters.from || "…", to: filters.to || "…" }),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p className="alert alert--info" data-testid="inbox-drill-down">
      {t("inbox.drillDown.intro")} {parts.join(" · ")}
    </p>
  );
}
