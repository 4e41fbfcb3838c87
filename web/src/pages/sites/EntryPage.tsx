import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { fieldErrorsOf } from "../../api/client";
import { ErrorAlert, Notice } from "../../components/Alerts";
import { TextAreaField } from "../../components/Field";
import { Page } from "../../components/Page";
import { useAction } from "../../hooks/useAction";
import { useLoad } from "../../hooks/useLoad";
import { useI18n } from "../../i18n";
import { type SiteEntryDetail, type SiteEntryKind, sitesApi } from "./api";
import type { Attachment } from "./components/AttachmentFields";
import { ChangesTable } from "./components/ChangesTable";
import { EntryForm } from "./components/EntryForm";
import { EntryStatus } from "./components/EntryStatus";
import { asContent, newContent } from "./components/entryFields";

/** One site entry: a new one (/sites/units/:unitId/new/:kind) or an existing one (/sites/entries/:id). */
export function EntryPage() {
  const { t } = useI18n();
  const { id, unitId, kind } = useParams();
  const entry = useLoad(() => (id ? sitesApi.entry(id) : Promise.resolve(null)), [id]);
  // The same page serves both addresses: after creating, the previous load (null) is not this entry.
  const loaded = id ? entry.data?.id === id : entry.data === null;
  const title = id ? (entry.data?.title ?? t("sites.entry")) : t(`sites.kind.${kind as SiteEntryKind}`);
  return (
    <Page title={title}>
      <p>
        <Link to="/sites">{t("sites.backToEntries")}</Link>
      </p>
      <ErrorAlert error={entry.error} />
      {!loaded && entry.loading && <p role="status">{t("common.loading")}</p>}
      {loaded && (
        <EntryEditor
          key={id ?? `${unitId}-${kind}`}
          entry={entry.data ?? null}
          unitId={entry.data?.unit.id ?? unitId!}
          kind={entry.data?.kind ?? (kind as SiteEntryKind)}
          reload={entry.reload}
        />
      )}
    </Page>
  );
}

type EditorProps = { entry: SiteEntryDetail | null; unitId: string; kind: SiteEntryKind; reload(): void };

function EntryEditor({ entry, unitId, kind, reload }: EditorProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [content, setContent] = useState<Record<string, unknown>>(
    (entry?.draft ?? entry?.published ?? newContent(kind)) as Record<string, unknown>,
  );
  const [attachments, setAttachments] = useState<Record<string, Attachment>>(entry?.attachments ?? {});
  const [note, setNote] = useState("");
  // A new entry's page opens with what happened to it (the editor remounts under its new address).
  const [done, setDone] = useState<string | null>((location.state as { done?: string } | null)?.done ?? null);

  const save = useAction(async (submit: boolean) => {
    const body = { content: asContent(kind, content), submit };
    const saved = entry
      ? await sitesApi.updateEntry(entry.id, body)
      : await sitesApi.createEntry(unitId, { kind, ...body });
    const notice = submit ? t("sites.submitted") : t("sites.saved");
    if (!entry) navigate(`/sites/entries/${saved.id}`, { replace: true, state: { done: notice } });
    else {
      setDone(notice);
      reload();
    }
    return saved;
  });
  const review = useAction(async (step: "approve" | "return") => {
    if (step === "approve") {
      // A reviewer's edits are saved before approving them.
      if (entry!.permissions.edit)
        await sitesApi.updateEntry(entry!.id, { content: asContent(kind, content), submit: false });
      await sitesApi.approveEntry(entry!.id);
      setDone(t("sites.approved"));
    } else {
      await sitesApi.returnEntry(entry!.id, note);
      setDone(t("sites.returned"));
    }
    reload();
  });
  const editable = !entry || entry.permissions.edit;
  const errors = fieldErrorsOf(save.error);

  return (
    <div className="form">
      {done && <Notice>{done}</Notice>}
      {entry && (
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
              <ChangesTable changes={entry.changes} />
            </>
          )}
        </section>
      )}
      {editable && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save.run(true);
          }}
        >
          <EntryForm
            kind={kind}
            unitId={unitId}
            content={content}
            onChange={(next) => {
              save.clearError();
              setContent(next);
            }}
            attachments={attachments}
            onAttach={(id, attachment) => setAttachments((known) => ({ ...known, [id]: attachment }))}
            errors={errors}
          />
          <ErrorAlert error={save.error} />
          <div className="actions">
            <button
              type="button"
              className="button--secondary"
              disabled={save.busy}
              onClick={() => void save.run(false)}
            >
              {t("sites.saveDraft")}
            </button>
            {entry?.status !== "in_review" && (
              <button type="submit" disabled={save.busy} data-testid="site-entry-submit">
                {t("sites.submit")}
              </button>
            )}
          </div>
        </form>
      )}
      {entry && (entry.permissions.approve || entry.permissions.return) && (
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
      )}
    </div>
  );
}
