import type { DipItem } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { classLabel } from "@web/pages/ppid/dip/labels";

/** The class as it stands now; an excepted entry whose exception ended says so. */
export function DipClassBadge({ item }: { item: DipItem }) {
  const { t, language } = useI18n();
  const ended = item.class === "dikecualikan" && item.effectiveClass !== "dikecualikan";
  return (
    <span className={`badge badge--dip-${item.effectiveClass}`}>
      {classLabel(item.effectiveClass, language)}
      {ended && <span className="visually-hidden"> ({t("dip.exemptionEnded")})</span>}
    </span>
  );
}

/** Draft, published or withdrawn, and whether the public sees it on the website now. */
export function DipStatusBadge({ item }: { item: DipItem }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--dip-status-${item.status}`}>
      {t(`dip.status.${item.status}`)}
      {item.status === "published" && !item.public && ` · ${t("dip.notPublic")}`}
    </span>
  );
}
