import { api, csvInLanguage } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import type { GlossaryReport } from "@web/pages/dashboard/types";

/** What each figure means, as the server defines it, in the UI language. */
export function GlossarySection() {
  const { t, language } = useI18n();
  const glossary = useLoad(() => api.get<GlossaryReport>("/dashboard/glossary"), []);
  return (
    <section aria-labelledby="dashboard-glossary" className="dashboard-section">
      <div className="dashboard-section__header">
        <h2 id="dashboard-glossary">{t("dashboard.glossary.title")}</h2>
        <a
          href={csvInLanguage("/api/dashboard/glossary?format=csv", language)}
          download
          aria-label={t("dashboard.csvOf", { title: t("dashboard.glossary.title") })}
        >
          CSV
        </a>
      </div>
      <ErrorAlert error={glossary.error} />
      {glossary.data && (
        <dl className="glossary">
          {Object.entries(glossary.data.figures).map(([figure, entry]) => (
            <div key={figure}>
              <dt>{entry[language].name}</dt>
              <dd>{entry[language].definition}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
