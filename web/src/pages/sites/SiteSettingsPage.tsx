import { useState } from "react";
import { fieldErrorsOf } from "@web/api/client";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { SelectField, TextField } from "@web/components/Field";
import { OneTimeSecret } from "@web/components/OneTimeSecret";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { type Site, sitesApi } from "./api";
import { SitesTabs } from "./components/SitesTabs";

/** Admins: each site's address, host name, switch, review requirement and OpenSID token; the stale limit. */
export function SiteSettingsPage() {
  const { t } = useI18n();
  const sites = useLoad(() => sitesApi.list(), []);
  const [chosen, setChosen] = useState<string>();
  const site = sites.data?.find((s) => s.unit.id === chosen) ?? sites.data?.[0];
  return (
    <Page title={t("sites.settings")}>
      <SitesTabs />
      <ErrorAlert error={sites.error} />
      <StaleAfterForm />
      {sites.data && (
        <SelectField label={t("sites.unit")} value={site?.unit.id ?? ""} onChange={(e) => setChosen(e.target.value)}>
          {sites.data.map((s) => (
            <option key={s.unit.id} value={s.unit.id}>
              {s.unit.parent ? `${s.unit.name} (${s.unit.parent.name})` : s.unit.name}
            </option>
          ))}
        </SelectField>
      )}
      {site && <SiteForm key={site.unit.id} site={site} saved={sites.reload} />}
    </Page>
  );
}

function SiteForm({ site, saved }: { site: Site; saved(): void }) {
  const { t } = useI18n();
  const [slug, setSlug] = useState(site.slug ?? "");
  const [host, setHost] = useState(site.host ?? "");
  const [enabled, setEnabled] = useState(site.enabled);
  const [reviewRequired, setReviewRequired] = useState(site.reviewRequired);
  const [token, setToken] = useState<string | null>(null);
  const save = useAction(async () => {
    await sitesApi.updateSettings(site.unit.id, { slug, host: host.trim() || null, enabled, reviewRequired });
    saved();
    return true;
  });
  const issue = useAction(async () => setToken((await sitesApi.issuePushToken(site.unit.id)).token));
  const revoke = useAction(async () => {
    await sitesApi.revokePushToken(site.unit.id);
    saved();
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      {site.url && (
        <p>
          <a href={site.url} target="_blank" rel="noreferrer">
            {site.url}
          </a>
        </p>
      )}
      <TextField label={t("sites.slug")} value={slug} onChange={(e) => setSlug(e.target.value)} error={errors.slug} />
      <TextField
        label={t("sites.host")}
        hint={t("sites.hostHint")}
        value={host}
        onChange={(e) => setHost(e.target.value)}
        error={errors.host}
      />
      {site.unit.type === "opd" && (
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t("sites.enabled")}
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={reviewRequired} onChange={(e) => setReviewRequired(e.target.checked)} />
        {t("sites.reviewRequired")}
      </label>
      <ErrorAlert error={save.error ?? issue.error ?? revoke.error} />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {t("sites.saveSettings")}
        </button>
      </div>
      <h2>{t("sites.pushToken")}</h2>
      <p className="muted">
        {site.pushToken
          ? t("sites.pushTokenIssued", { prefix: site.pushToken.prefix, last: site.pushToken.lastUsedAt ?? "—" })
          : t("sites.pushTokenNone")}
      </p>
      {token && <OneTimeSecret title={t("sites.pushTokenShown")} value={token} onDismiss={() => setToken(null)} />}
      <div className="actions">
        <button type="button" className="button--secondary" disabled={issue.busy} onClick={() => void issue.run()}>
          {t("sites.issueToken")}
        </button>
        {site.pushToken && (
          <button type="button" className="button--secondary" disabled={revoke.busy} onClick={() => void revoke.run()}>
            {t("sites.revokeToken")}
          </button>
        )}
      </div>
    </form>
  );
}

function StaleAfterForm() {
  const { t } = useI18n();
  const settings = useLoad(() => sitesApi.settings(), []);
  const [days, setDays] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    await sitesApi.updateStaleAfterDays(Number(days));
    setSaved(true);
  });
  const value = days ?? String(settings.data?.staleAfterDays ?? "");
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <TextField
        label={t("sites.staleAfterDays")}
        type="number"
        min={1}
        value={value}
        onChange={(e) => {
          setSaved(false);
          setDays(e.target.value);
        }}
      />
      <ErrorAlert error={save.error} />
      {saved && <Notice>{t("sites.savedShort")}</Notice>}
      <button type="submit" disabled={save.busy || !days}>
        {t("sites.saveSettings")}
      </button>
    </form>
  );
}
