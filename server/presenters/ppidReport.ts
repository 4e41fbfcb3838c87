import type { AnnualReport } from "@server/ppid/annualReport.js";
import type { PpidDeadlineLists } from "@server/ppid/deadlineLists.js";
import type { PpidFigures } from "@server/ppid/figures.js";
import type { ReportScope } from "@server/ppid/reportScope.js";
import type { Obligation } from "@server/ppid/selfAssessment.js";

/** Whose requests a PPID report covers: one unit's, the whole body's, or the reader's own units'. */
export function presentReportScope(scope: ReportScope) {
  return { scope: scope.kind, unit: scope.unit && { id: scope.unit.id, name: scope.unit.name } };
}

export type PpidReportScope = ReturnType<typeof presentReportScope>;

export const presentPpidDeadlines = (scope: ReportScope, lists: PpidDeadlineLists) => ({
  ...presentReportScope(scope),
  ...lists,
});

export const presentPpidFigures = (scope: ReportScope, year: number, figures: PpidFigures) => ({
  year,
  ...presentReportScope(scope),
  figures,
});

export const presentAnnualReport = (scope: ReportScope, report: AnnualReport) => ({
  ...report,
  ...presentReportScope(scope),
});

/** One section of the self-assessment: the body's or one PPID's obligations, met or not. */
export const presentSelfAssessmentSection = (scope: ReportScope, obligations: Obligation[]) => ({
  scope: scope.kind,
  unit: scope.unit && { id: scope.unit.id, name: scope.unit.name, ppidLevel: scope.unit.ppidLevel },
  obligations,
});
