import { Page } from "../components/Page";
import { useI18n, type MessageKey } from "../i18n";

/** A section whose feature arrives in a later release: its heading and an honest note. */
export function FeaturePreparingPage({ title, note }: { title: MessageKey; note: MessageKey }) {
  const { t } = useI18n();
  return (
    <Page title={t(title)}>
      <p className="preparing">{t(note)}</p>
    </Page>
  );
}
