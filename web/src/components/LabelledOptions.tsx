import { useI18n, type MessageKey } from "@web/i18n";

/** One `<option>` per code, named in the user's language through a labels table. */
export function LabelledOptions<C extends string>({
  values,
  labels,
}: {
  values: readonly C[];
  labels: Record<C, MessageKey>;
}) {
  const { t } = useI18n();
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {t(labels[value])}
        </option>
      ))}
    </>
  );
}
