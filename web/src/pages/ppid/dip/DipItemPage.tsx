import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { DipItem } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { dipApi } from "./api";
import { DipClassBadge, DipStatusBadge } from "./components/DipBadges";
import { DipFiles } from "./components/DipFiles";
import { DipItemColumns } from "./components/DipItemColumns";
import { DipItemForm } from "./components/DipItemForm";
import { DipStatusActions } from "./components/DipStatusActions";
import { useDipUnits } from "./useDipUnits";

/** A new DIP entry (/ppid/dip/new), or one entry: its columns, status, documents and versions. */
export function DipItemPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const loaded = useLoad(() => (id ? dipApi.item(id) : Promise.resolve(null)), [id]);
  const units = useDipUnits();
  const [current, setCurrent] = useState<DipItem | null>(null);
  const [saved, setSaved] = useState(false);
  const item = current?.id === id ? current : (loaded.data ?? null);
  const show = (next: DipItem) => {
    setCurrent(next);
    setSaved(true);
  };

  if (!id) {
    return (
      <Page title={t("dip.new")}>
        <ErrorAlert error={units.error} />
        {units.data && (
          <DipItemForm
            item={null}
            units={units.data}
            onSaved={(created) => navigate(`/ppid/dip/${created.id}`, { state: { created: true } })}
          />
        )}
      </Page>
    );
  }
  return (
    <Page title={item?.title ?? t("dip.title")}>
      <p>
        <Link to="/ppid/dip">{t("dip.backToList")}</Link>
      </p>
      <ErrorAlert error={loaded.error} />
      {loaded.loading && !item && <p role="status">{t("common.loading")}</p>}
      {item && (
        <>
          <p className="row-actions">
            <DipStatusBadge item={item} /> <DipClassBadge item={item} />
            {item.public && (
              <a href={item.publicUrl} target="_blank" rel="noopener">
                {t("dip.viewPublic")}
              </a>
            )}
            {item.post && (
              <a href={item.post.url} target="_blank" rel="noopener">
                {t("dip.fromPost")}
              </a>
            )}
          </p>
          {item.withdrawalReason && item.status === "withdrawn" && (
            <p>{t("dip.withdrawnBecause", { reason: item.withdrawalReason })}</p>
          )}
          {saved && <Notice>{t("dip.saved")}</Notice>}
          <DipStatusActions item={item} onChange={show} />
          {item.permissions.update ? (
            <DipItemForm key={item.id} item={item} units={units.data ?? []} onSaved={show} />
          ) : (
            <DipItemColumns item={item} />
          )}
          <DipFiles item={item} onChange={show} />
        </>
      )}
    </Page>
  );
}
