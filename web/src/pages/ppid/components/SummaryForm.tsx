import { useState } from "react";
import type { PpidRequest } from "@web/api/types";
import { TextField } from "@web/components/Field";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";
import { ActionForm } from "./ActionForm";

/** The line the public register shows for the request: staff's words, never the applicant's data. */
export function SummaryForm({ request, onDone }: { request: PpidRequest; onDone(request: PpidRequest): void }) {
  const { t } = useI18n();
  const [summary, setSummary] = useState(request.publicSummary ?? "");
  return (
    <ActionForm
      title={t("ppid.field.publicSummary")}
      submitLabel={t("common.save")}
      action={() => ppidApi.update(request.id, { publicSummary: summary || null })}
      onDone={onDone}
    >
      {() => (
        <TextField
          label={t("ppid.field.publicSummary")}
          hint={t("ppid.field.publicSummaryHint")}
          maxLength={300}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      )}
    </ActionForm>
  );
}
