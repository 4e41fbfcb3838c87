import { useState } from "react";
import { Link } from "react-router-dom";
import { SiteEntryKind } from "@server/db/generated/enums";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField } from "@web/components/Field";
import { Page } from "@web/components/Page";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { sitesApi } from "./api";
import { EntryList } from "./components/EntryList";
import { SitesTabs } from "./components/SitesTabs";

const KINDS = Object.values(SiteEntryKind);

/** A desa operator's (or a unit's staff's) site: its entries, their status, and new ones by kind. */
export function SitesPage() {
  const { t, formatDateTime } = useI18n();
  const sites = useLoad(() => sitesApi.list(), []);
  const [chosen, setChosen] = useState<string>();
  const site = sites.data?.find((s) => s.unit.id === chosen) ?? sites.data?.[0];
  const entries = useLoad(
    () => (site ? sitesApi.entries({ unitId: site.unit.id }) : Promise.resolve([])),
    [site?.unit.id],
  );
  return (
    <Page title={t("sites.title")}>
      <SitesTabs />
      <ErrorAlert error={sites.error ?? entries.error} />
      {sites.data && sites.data.length === 0 && <p className="muted">{t("sites.noSites")}</p>}
      {sites.data && sites.data.length > 1 && (
        <SelectField label={t("sites.unit")} value={site?.unit.id ?? ""} onChange={(e) => setChosen(e.target.value)}>
          {sites.data.map((s) => (
            <option key={s.unit.id} value={s.unit.id}>
              {s.unit.name}
            </option>
          ))}
        </SelectField>
      )}
      {site && (
        <>
          <p>
            {site.url && (
              <a href={site.url} target="_blank" rel="noreferrer">
                {site.url}
              </a>
            )}{" "}
            · {t("sites.lastUpdated")}: {site.lastUpdatedAt ? formatDateTime(site.lastUpdatedAt) : t("sites.never")}
          </p>
          <nav aria-label={t("sites.newEntry")} className="actions">
            {KINDS.map((kind) => (
              <Link key={kind} className="button button--secondary" to={`/sites/units/${site.unit.id}/new/${kind}`}>
                {t("sites.add", { kind: t(`sites.kind.${kind}`) })}
              </Link>
            ))}
          </nav>
          {entries.data && <EntryList entries={entries.data} />}
        </>
      )}
    </Page>
  );
}
