import { useState } from "react";
import { ErrorAlert } from "@web/components/Alerts";
import { TextAreaField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { type SiteEntryDetail, sitesApi } from "@web/pages/sites/api";
import { ChangesTable } from "./ChangesTable";
import { EntryStatus } from "./EntryStatus";

/** Where an entry stands, and the change waiting for review. */
export function EntryState({ entry }: { entry: SiteEntryDetail }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="entry-state">
      <h2 id="entry-state">{t("sites.state")}</h2>
      <p>
        {entry.unit.name} · <EntryStatus entry={entry} />
      </p>
      {entry.verifiedBy && entry.verifiedAt && (
        <p className="muted">
          {t("sites.verifiedBy", { unit: entry.verifiedBy.name ?? "", date: entry.verifiedAt.slice(0, 10) })}
        </p>
      )}
      {entry.pending && (
        <>
          <h3>{t("sites.changes")}</h3>
          <ChangesTable entry={entry} />
        </>
      )}
    </section>
  );
}

type ReviewPanelProps = {
  entry: SiteEntryDetail;
  /** Saves the reviewer's edits first; false when the form has problems to fix. */
  saveEdits(): Promise<boolean>;
  onDone(notice: string): void;
};

/** The reviewer's approve, or return with a note. */
export function ReviewPanel({ entry, saveEdits, onDone }: ReviewPanelProps) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const review = useAction(async (step: "approve" | "return") => {
    if (step === "approve") {
      if (!(await saveEdits())) return;
      await sitesApi.approveEntry(entry.id);
      onDone(t("sites.approved"));
    } else {
      await sitesApi.returnEntry(entry.id, note);
      onDone(t("sites.returned"));
    }
  });
  return (
    <section aria-labelledby="entry-review">
      <h2 id="entry-review">{t("sites.reviewTitle")}</h2>
      <ErrorAlert error={review.error} />
      {entry.permissions.approve && (
        <button
          type="button"
          disabled={review.busy}
          onClick={() => void review.run("approve")}
          data-testid="site-entry-approve"
        >
          {entry.permissions.edit ? t("sites.saveAndApprove") : t("sites.approve")}
        </button>
      )}
      {entry.permissions.return && (
        <>
          <TextAreaField
            label={t("sites.returnNote")}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="button"
            className="button--secondary"
            disabled={review.busy || note.trim().length < 3}
            onClick={() => void review.run("return")}
          >
            {t("sites.return")}
          </button>
        </>
      )}
    </section>
  );
}
