import { useState } from "react";
import type { PpidRequest } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";
import { IDENTITY_TYPES } from "@web/pages/ppid/labels";

/** The identity number, masked; the PPID holding the case may open it (each look is audited). */
export function IdentityReveal({ request }: { request: PpidRequest }) {
  const { t } = useI18n();
  const [number, setNumber] = useState<string | null>(null);
  const reveal = useAction(async () => setNumber((await ppidApi.identity(request.id)).identityNumber));
  return (
    <>
      {t(IDENTITY_TYPES[request.applicant.identityType])}:{" "}
      <span data-testid="identity-number">{number ?? request.applicant.identityNumberMasked}</span>
      {request.permissions.readIdentity && number === null && (
        <button type="button" className="button--link" onClick={() => void reveal.run()} disabled={reveal.busy}>
          {t("ppid.identity.reveal")}
        </button>
      )}
      <ErrorAlert error={reveal.error} />
    </>
  );
}
