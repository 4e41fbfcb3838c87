import type { DipItem } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { bodyLabel, exemptionLabel, formatLabel } from "@web/pages/ppid/dip/labels";

/** The columns of an entry for those who read it without changing it (humas). */
export function DipItemColumns({ item }: { item: DipItem }) {
  const { t, language } = useI18n();
  const rows: [string, string | null][] = [
    [t("dip.unit"), item.body ? `${bodyLabel(item.body, language)} · ${item.unit.name}` : item.unit.name],
    [t("dip.summary"), item.summary],
    [t("dip.responsibleOfficial"), item.responsibleOfficial],
    [t("dip.madeOn"), item.madeOn],
    [t("dip.year"), String(item.year)],
    [t("dip.period"), item.period],
    [t("dip.formats"), item.formats.map((format) => formatLabel(format, language)).join(", ")],
    [t("dip.retention"), item.retention],
    ...(item.exemption
      ? ([
          [t("dip.exemptionLetter"), item.exemption.letter && exemptionLabel(item.exemption.letter, language)],
          [t("dip.consequenceTest"), item.exemption.consequenceTest],
          [t("dip.exemptionEndsOn"), item.exemption.endsOn],
        ] as [string, string | null][])
      : []),
  ];
  return (
    <dl className="facts">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
