import { useSearchParams } from "react-router-dom";
import { withQuery } from "@web/api/client";
import { SelectField, TextField } from "@web/components/Field";
import { Page } from "@web/components/Page";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { AnnualReportEditor } from "./components/AnnualReportEditor";
import { DeadlineLists } from "./components/DeadlineLists";
import { FiguresSummary } from "./components/FiguresSummary";
import { SelfAssessmentSection } from "./components/SelfAssessmentSection";
import { usePpidUnits } from "./useCase";

/** The PPID's figures, registers, annual report and self-assessment, for the body or one PPID. */
export function ReportsPage() {
  const { t } = useI18n();
  const { abilities } = useSignedIn();
  const units = usePpidUnits();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get("year")) || thisYear;
  const unitId = params.get("unitId") || undefined;
  const choose = (changes: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...changes });
  const registers = (name: string, format: string) =>
    withQuery(`/api/ppid/registers/${name}.${format}`, { year, unitId });
  return (
    <Page title={t("ppid.reports.title")}>
      <form className="form form--inline" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label={t("ppid.reports.scope")}
          value={unitId ?? ""}
          onChange={(e) => choose({ unitId: e.target.value })}
        >
          <option value="">{t("ppid.reports.wholeBody")}</option>
          {(units.data ?? []).map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("ppid.reports.year")}
          type="number"
          min={2000}
          max={2099}
          value={year}
          onChange={(e) => choose({ year: e.target.value })}
        />
      </form>
      <DeadlineLists unitId={unitId} />
      <FiguresSummary year={year} unitId={unitId} />
      {abilities.ppidRegisters && (
        <section className="panel" aria-labelledby="ppid-registers-title">
          <h2 id="ppid-registers-title">{t("ppid.registers.title")}</h2>
          <p className="muted">{t("ppid.registers.hint")}</p>
          <ul>
            {(["requests", "objections"] as const).map((name) => (
              <li key={name}>
                {t(name === "requests" ? "ppid.registers.requests" : "ppid.registers.objections")}:{" "}
                <a href={registers(name, "csv")} download>
                  CSV
                </a>{" "}
                ·{" "}
                <a href={registers(name, "pdf")} download>
                  PDF
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <AnnualReportEditor year={year} unitId={unitId} />
      <SelfAssessmentSection year={year} />
    </Page>
  );
}
