import { api } from "@web/api/client";
import { INBOX_CATEGORIES, INBOX_SOURCES, type Channel, type Unit } from "@web/api/types";
import { TextField } from "@web/components/Field";
import { FilterForm, FilterSelect } from "@web/components/FilterForm";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { SelectField } from "@web/components/Field";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n, type MessageKey } from "@web/i18n";
import { UnitOptions } from "@web/pages/admin/components/UnitOptions";
import { CATEGORY_LABELS, SOURCE_LABELS } from "@web/pages/inbox/labels";
import { PERIOD_PRESETS, type PeriodPreset, type useDashboardFilters } from "@web/pages/dashboard/filters";

const PERIOD_LABELS: Record<PeriodPreset, MessageKey> = {
  "7d": "dashboard.period.7d",
  "30d": "dashboard.period.30d",
  this_month: "dashboard.period.this_month",
  last_month: "dashboard.period.last_month",
  custom: "dashboard.period.custom",
};

const AREA_TYPES = new Set<Unit["type"]>(["kecamatan", "desa", "kelurahan"]);

/** Period, unit, channel or source, category and area; applied to the URL so a view can be shared. */
export function DashboardFilterBar({
  filters,
  units,
}: {
  filters: ReturnType<typeof useDashboardFilters>;
  units: Unit[];
}) {
  const { t } = useI18n();
  const channels = useLoad(() => api.get<{ data: Channel[] }>("/channels"), []);
  const custom = filters.draft.period === "custom";
  return (
    <FilterForm label={t("dashboard.filters")} onApply={filters.apply} onReset={filters.reset}>
      <SelectField label={t("dashboard.period")} {...filters.field("period")}>
        <LabelledOptions values={PERIOD_PRESETS} labels={PERIOD_LABELS} />
      </SelectField>
      {custom && (
        <>
          <TextField type="date" label={t("dashboard.from")} required {...filters.field("from")} />
          <TextField type="date" label={t("dashboard.to")} required {...filters.field("to")} />
        </>
      )}
      <FilterSelect label={t("dashboard.unit")} {...filters.field("unitId")}>
        <UnitOptions units={units} />
      </FilterSelect>
      <FilterSelect label={t("dashboard.channel")} {...filters.field("channelId")}>
        {(channels.data?.data ?? []).map((channel) => (
          <option key={channel.id} value={channel.id}>
            {channel.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label={t("dashboard.source")} {...filters.field("source")}>
        <LabelledOptions values={INBOX_SOURCES} labels={SOURCE_LABELS} />
      </FilterSelect>
      <FilterSelect label={t("dashboard.category")} {...filters.field("category")}>
        <LabelledOptions values={INBOX_CATEGORIES} labels={CATEGORY_LABELS} />
      </FilterSelect>
      <FilterSelect label={t("dashboard.area")} {...filters.field("placeUnitId")}>
        <UnitOptions units={units.filter((unit) => AREA_TYPES.has(unit.type))} />
      </FilterSelect>
    </FilterForm>
  );
}
