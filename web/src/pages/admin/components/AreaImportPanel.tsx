import { useState } from "react";
import { api } from "@web/api/client";
import type { AreaImportPlan, AreaImportResult, Regency, Unit } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { SelectField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";

type AreaImportPanelProps = { units: Unit[]; onImported(): void; onClose(): void };

/** Choose a kabupaten/kota of the official data and a unit, see what importing would add, then import. */
export function AreaImportPanel({ units, onImported, onClose }: AreaImportPanelProps) {
  const { t } = useI18n();
  const kabupaten = units.filter((unit) => unit.type === "kabupaten" && unit.active);
  const regencies = useLoad(() => api.get<{ data: Regency[] }>("/units/regions"), []);
  const [region, setRegion] = useState(kabupaten.find((unit) => unit.areaCode)?.areaCode ?? "");
  const [parentId, setParentId] = useState(kabupaten[0]?.id ?? "");
  const [plan, setPlan] = useState<AreaImportPlan | null>(null);
  const [result, setResult] = useState<AreaImportResult | null>(null);
  const preview = useAction(() => api.get<AreaImportPlan>("/units/import-preview", { region, parentId }));
  const runImport = useAction(() => api.post<AreaImportResult>("/units/import", { region, parentId }));

  const provinces = new Map<string, Regency[]>();
  for (const regency of regencies.data?.data ?? [])
    provinces.set(regency.provinceName, [...(provinces.get(regency.provinceName) ?? []), regency]);
  const choose = (change: () => void) => {
    change();
    setPlan(null);
    setResult(null);
  };
  const showPreview = async () => setPlan((await preview.run()) ?? null);
  const importAreas = async () => {
    const done = await runImport.run();
    if (!done) return;
    setResult(done);
    setPlan(null);
    onImported();
  };

  return (
    <section className="form panel" aria-labelledby="area-import-title">
      <h2 id="area-import-title">{t("areas.import.title")}</h2>
      <p>{t("areas.import.intro")}</p>
      <ErrorAlert error={regencies.error} />
      <SelectField
        label={t("areas.import.region")}
        value={region}
        onChange={(e) => choose(() => setRegion(e.target.value))}
      >
        <option value="">{t("areas.import.chooseRegion")}</option>
        {[...provinces].map(([province, list]) => (
          <optgroup key={province} label={province}>
            {list.map((regency) => (
              <option key={regency.code} value={regency.code}>
                {`${regency.name} (${regency.code})`}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <SelectField
        label={t("areas.import.parent")}
        hint={t("areas.import.parentHint")}
        value={parentId}
        onChange={(e) => choose(() => setParentId(e.target.value))}
      >
        {kabupaten.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.name}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={preview.error ?? runImport.error} />
      {plan && <ImportPreview plan={plan} />}
      {result && (
        <Notice>
          {t("areas.import.done", { created: result.created, adopted: result.adopted, existing: result.existing })}
        </Notice>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={!region || !parentId || preview.busy}
          onClick={() => void showPreview()}
          className={plan ? "button--secondary" : undefined}
        >
          {t("areas.import.preview")}
        </button>
        {plan && (
          <button type="button" disabled={runImport.busy} onClick={() => void importAreas()}>
            {t("areas.import.run", { count: plan.counts.create + plan.counts.adopt })}
          </button>
        )}
        <button type="button" className="button--secondary" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </section>
  );
}

/** The counts of what the import would do, and the areas it would add. */
function ImportPreview({ plan }: { plan: AreaImportPlan }) {
  const { t } = useI18n();
  const added = plan.areas.filter((area) => area.action === "create" || area.action === "adopt");
  return (
    <div className="import-preview" role="status">
      <p>
        {t("areas.import.summary", {
          region: plan.region.name,
          kecamatan: plan.counts.kecamatan,
          desa: plan.counts.desa,
          kelurahan: plan.counts.kelurahan,
        })}
      </p>
      <p>
        {t("areas.import.actions", {
          create: plan.counts.create,
          adopt: plan.counts.adopt,
          exists: plan.counts.exists,
          skip: plan.counts.skip,
        })}
      </p>
      {added.length > 0 && (
        <details>
          <summary>{t("areas.import.listAdded", { count: added.length })}</summary>
          <ul>
            {added.map((area) => (
              <li key={area.code}>
                {`${area.name} (${area.code})`}
                {area.action === "adopt" && ` — ${t("areas.import.adopted")}`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
