import { SelectField } from "@web/components/Field";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { sitesApi } from "@web/pages/sites/api";

type SitePickerProps = { value: string | null; onChange(siteUnitId: string | null): void; error?: string };

/** Where the website channel publishes: the main site, or a unit site within the author's scope. */
export function SitePicker({ value, onChange, error }: SitePickerProps) {
  const { t } = useI18n();
  const sites = useLoad(() => sitesApi.list(), []);
  const choices = (sites.data ?? []).filter((site) => site.path !== null);
  return (
    <SelectField
      label={t("compose.site")}
      hint={t("compose.siteHint")}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value || null)}
      error={error}
      data-testid="compose-site"
    >
      <option value="">{t("compose.mainSite")}</option>
      {choices.map((site) => (
        <option key={site.unit.id} value={site.unit.id}>
          {site.unit.parent && site.unit.type !== "kecamatan" && site.unit.type !== "opd"
            ? `${site.unit.name} (${site.unit.parent.name})`
            : site.unit.name}
        </option>
      ))}
    </SelectField>
  );
}
