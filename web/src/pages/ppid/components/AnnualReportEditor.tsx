import { useEffect, useState } from "react";
import type { AnnualReportSection } from "@server/ppid/annualReport";
import { withQuery } from "@web/api/client";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { TextAreaField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { type MessageKey, useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { ppidApi } from "@web/pages/ppid/api";

const SECTIONS: Record<AnnualReportSection, MessageKey> = {
  policy: "ppid.annual.policy",
  staff: "ppid.annual.staff",
  facilities: "ppid.annual.facilities",
  budget: "ppid.annual.budget",
  obstacles: "ppid.annual.obstacles",
  recommendations: "ppid.annual.recommendations",
};

/** The annual report: staff write its prose; its figures come from the registers. PDF and CSV. */
export function AnnualReportEditor({ year, unitId }: { year: number; unitId?: string }) {
  const { t, language } = useI18n();
  const { abilities } = useSignedIn();
  const loaded = useLoad(() => ppidApi.annualReport(year, unitId), [year, unitId]);
  const [sections, setSections] = useState<Partial<Record<AnnualReportSection, string>>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => setSections(loaded.data?.sections ?? {}), [loaded.data]);
  const save = useAction(async () => {
    await ppidApi.saveAnnualReport(year, unitId, sections);
    setSaved(true);
  });
  const report = loaded.data;
  const editable = abilities.writePpidReports && report?.scope !== "own";
  return (
    <section className="panel" aria-labelledby="ppid-annual-title">
      <h2 id="ppid-annual-title">{t("ppid.annual.title", { year })}</h2>
      <ErrorAlert error={loaded.error} />
      {report && (
        <>
          <p className="muted">{t("ppid.annual.due", { date: report.dueOn })}</p>
          <p>
            <a href={withQuery(`/api/ppid/annual-reports/${year}/report.pdf`, { unitId })} download>
              PDF
            </a>{" "}
            ·{" "}
            <a href={withQuery(`/api/ppid/annual-reports/${year}/report.csv`, { unitId, lang: language })} download>
              CSV
            </a>
          </p>
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              setSaved(false);
              void save.run();
            }}
          >
            {(Object.keys(SECTIONS) as AnnualReportSection[]).map((section) => (
              <TextAreaField
                key={section}
                label={t(SECTIONS[section])}
                rows={4}
                maxLength={20000}
                readOnly={!editable}
                value={sections[section] ?? ""}
                onChange={(e) => setSections({ ...sections, [section]: e.target.value })}
              />
            ))}
            <ErrorAlert error={save.error} />
            {saved && <Notice>{t("ppid.annual.saved")}</Notice>}
            {editable && (
              <div className="actions">
                <button type="submit" disabled={save.busy}>
                  {t("common.save")}
                </button>
              </div>
            )}
          </form>
        </>
      )}
    </section>
  );
}
