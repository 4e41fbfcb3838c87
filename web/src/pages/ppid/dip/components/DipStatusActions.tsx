import { useState } from "react";
import { useNavigate } from "react-router-dom";
import type { DipItem } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { TextField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { dipApi } from "@web/pages/ppid/dip/api";

/** Publish, withdraw (with a reason) or delete a draft, as the person may. */
export function DipStatusActions({ item, onChange }: { item: DipItem; onChange(item: DipItem): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [reason, setReason] = useState("");
  const act = useAction(async (action: "publish" | "withdraw" | "delete") => {
    if (action === "delete") {
      await dipApi.remove(item.id);
      navigate("/ppid/dip", { replace: true });
      return;
    }
    onChange(action === "publish" ? await dipApi.publish(item.id) : await dipApi.withdraw(item.id, { reason }));
  });
  const canPublish = item.permissions.publish && item.status !== "published";
  const canWithdraw = item.permissions.publish && item.status === "published";
  const canDelete = item.permissions.update && item.status === "draft" && !item.publishedAt;

  return (
    <div className="dip-status-actions">
      {item.status === "draft" && !item.permissions.publish && <p className="muted">{t("dip.draftReviewed")}</p>}
      <div className="row-actions">
        {canPublish && (
          <button type="button" disabled={act.busy} onClick={() => void act.run("publish")} data-testid="dip-publish">
            {t("dip.publish")}
          </button>
        )}
        {canDelete && (
          <ConfirmButton
            label={t("dip.delete")}
            confirmLabel={t("dip.confirmDelete")}
            busy={act.busy}
            onConfirm={() => void act.run("delete")}
          />
        )}
      </div>
      {canWithdraw && (
        <form
          className="form form--inline"
          onSubmit={(event) => {
            event.preventDefault();
            void act.run("withdraw");
          }}
        >
          <TextField
            label={t("dip.withdrawReason")}
            required
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="button--secondary" disabled={act.busy || !reason.trim()}>
            {t("dip.withdraw")}
          </button>
        </form>
      )}
      <ErrorAlert error={act.error} />
    </div>
  );
}
