import { useState } from "react";
import { fieldErrorsOf } from "@web/api/client";
import type { PpidRequest } from "@web/api/types";
import { TextAreaField } from "@web/components/Field";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";
import { ActionForm } from "./ActionForm";

/** Extends the notice's deadline once by 7 working days, with the written reasons the applicant receives. */
export function ExtendForm({ request, onDone }: { request: PpidRequest; onDone(request: PpidRequest): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  return (
    <ActionForm
      title={t("ppid.extend.title")}
      submitLabel={t("ppid.extend.submit")}
      action={() => ppidApi.extend(request.id, { reason })}
      onDone={onDone}
    >
      {(error) => (
        <TextAreaField
          label={t("ppid.extend.reason")}
          hint={t("ppid.extend.hint")}
          rows={3}
          required
          minLength={10}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldErrorsOf(error).reason}
        />
      )}
    </ActionForm>
  );
}
