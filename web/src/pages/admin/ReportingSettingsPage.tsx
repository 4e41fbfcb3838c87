import { useEffect, useState } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import { type ReportingSettings, TIMEZONES, type Timezone } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { TIMEZONE_LABELS } from "@web/components/labels";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useReportingZone } from "@web/hooks/useReportingZone";
import { useI18n } from "@web/i18n";

/** The organisation's reporting zone and on-time tolerance; a change recounts the figures in the background. */
export function ReportingSettingsPage() {
  const { t } = useI18n();
  const loaded = useReportingZone();
  const [saved, setSaved] = useState<ReportingSettings | null>(null);
  const current = saved ?? loaded.data;
  const [timeZone, setTimeZone] = useState<Timezone>("Asia/Jakarta");
  const [tolerance, setTolerance] = useState("5");
  useEffect(() => {
    if (!loaded.data) return;
    setTimeZone(loaded.data.timeZone);
    setTolerance(String(loaded.data.onTimeToleranceMinutes));
  }, [loaded.data]);
  const save = useAction(async () =>
    setSaved(
      await api.patch<ReportingSettings>("/settings/reporting", {
        timeZone,
        onTimeToleranceMinutes: Number(tolerance),
      }),
    ),
  );
  const errors = fieldErrorsOf(save.error);

  return (
    <Page title={t("admin.reportingSettings")}>
      <p>{t("reportingSettings.intro")}</p>
      <ErrorAlert error={loaded.error} />
      {current?.recounting && (
        <p className="alert alert--info" role="status" data-testid="reporting-recounting">
          {t("reportingSettings.recounting")}
        </p>
      )}
      {current && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save.run();
          }}
        >
          <SelectField
            label={t("reportingSettings.timeZone")}
            hint={t("reportingSettings.timeZoneHint")}
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value as Timezone)}
            error={errors.timeZone}
          >
            <LabelledOptions values={TIMEZONES} labels={TIMEZONE_LABELS} />
          </SelectField>
          <TextField
            label={t("reportingSettings.tolerance")}
            hint={t("reportingSettings.toleranceHint")}
            type="number"
            min={0}
            max={120}
            required
            value={tolerance}
            onChange={(e) => setTolerance(e.target.value)}
            error={errors.onTimeToleranceMinutes}
          />
          <ErrorAlert error={save.error} />
          <button type="submit" className="button" disabled={save.busy}>
            {t("common.save")}
          </button>
        </form>
      )}
    </Page>
  );
}
