import { useId } from "react";
import type { Timezone } from "@web/api/types";
import { FieldGroup } from "@web/components/Field";
import { useI18n } from "@web/i18n";
import { ZONE_ABBREVIATIONS, type WallClock } from "@web/publishing/zonedTime";

type ZonedDateTimeFieldProps = {
  legend: string;
  timeZone: Timezone;
  value: WallClock;
  onChange(value: WallClock): void;
  error?: string;
};

/** A date and a time as read on a clock in the unit's zone, which it names (WIB, WITA, WIT). */
export function ZonedDateTimeField({ legend, timeZone, value, onChange, error }: ZonedDateTimeFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const zone = ZONE_ABBREVIATIONS[timeZone];
  return (
    <FieldGroup legend={legend} error={error} hint={t("schedule.zoneHint", { zone })} className="zoned-date-time">
      <div className="zoned-date-time__inputs">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("schedule.date")}</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={value.date}
            onChange={(e) => onChange({ ...value, date: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t("schedule.time", { zone })}</label>
          <input
            id={`${id}-time`}
            type="time"
            required
            value={value.time}
            onChange={(e) => onChange({ ...value, time: e.target.value })}
          />
        </div>
      </div>
    </FieldGroup>
  );
}
