import { ErrorAlert } from "@web/components/Alerts";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";

/** For the body and each PPID: the monitoring's obligations, met or not, each with its live evidence. */
export function SelfAssessmentSection({ year }: { year: number }) {
  const { t, language } = useI18n();
  const loaded = useLoad(() => ppidApi.selfAssessment(year), [year]);
  return (
    <section className="panel" aria-labelledby="ppid-assessment-title">
      <h2 id="ppid-assessment-title">{t("ppid.assessment.title", { year })}</h2>
      <p className="muted">{t("ppid.assessment.hint")}</p>
      <ErrorAlert error={loaded.error} />
      {loaded.data?.sections.map((section) => (
        <div key={section.unit?.id ?? "body"} className="ppid-assessment">
          <h3>{section.unit ? section.unit.name : t("ppid.reports.wholeBody")}</h3>
          <ul>
            {section.obligations.map((obligation) => (
              <li key={obligation.id} className={obligation.met ? "ppid-assessment--met" : "ppid-assessment--unmet"}>
                <strong>
                  {obligation.met ? "✓" : "✗"} {obligation.title[language]}
                </strong>{" "}
                <span className="visually-hidden">
                  {obligation.met ? t("ppid.assessment.met") : t("ppid.assessment.unmet")}
                </span>
                <p>{obligation.finding[language]}</p>
                <p>
                  {obligation.evidence.map((evidence) => (
                    <a key={evidence.href} href={evidence.href} className="ppid-assessment__link">
                      {evidence.label[language]}
                    </a>
                  ))}
                  {obligation.fix && (
                    <a href={obligation.fix.href} className="ppid-assessment__link ppid-assessment__fix">
                      {obligation.fix.label[language]}
                    </a>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
