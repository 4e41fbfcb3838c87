import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { fieldErrorsOf } from "@web/api/client";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { type SiteEntryDetail, type SiteEntryKind, sitesApi } from "./api";
import type { Attachment } from "./components/AttachmentFields";
import { EntryForm } from "./components/EntryForm";
import { entryProblems } from "./components/entryChecks";
import { asContent, newContent } from "./components/entryFields";
import { EntryState, ReviewPanel } from "./components/ReviewPanel";
import { entryHeading } from "./labels";

/** One site entry: a new one (/sites/units/:unitId/new/:kind) or an existing one (/sites/entries/:id). */
export function EntryPage() {
  const { t } = useI18n();
  const { id, unitId, kind } = useParams();
  const entry = useLoad(() => (id ? sitesApi.entry(id) : Promise.resolve(null)), [id]);
  // The same page serves both addresses: after creating, the previous load (null) is not this entry.
  const loaded = id ? entry.data?.id === id : entry.data === null;
  const title = id
    ? entry.data
      ? entryHeading(entry.data, t)
      : t("sites.entry")
    : t(`sites.kind.${kind as SiteEntryKind}`);
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
type Content = Record<string, unknown>;

function EntryEditor({ entry, unitId, kind, reload }: EditorProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [content, setContent] = useState<Content>((entry?.draft ?? entry?.published ?? newContent(kind)) as Content);
  const [attachments, setAttachments] = useState<Record<string, Attachment>>(entry?.attachments ?? {});
  // A new entry's page opens with what happened to it (the editor remounts under its new address).
  const [done, setDone] = useState<string | null>((location.state as { done?: string } | null)?.done ?? null);
  // The form's problems show once saving was tried, then follow the edits; each refused try moves
  // the keyboard to the first of them.
  const [refusedTries, setRefusedTries] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const problems = entryProblems(kind, content);
  const problemCount = Object.keys(problems).length;
  useEffect(() => {
    if (refusedTries > 0) formRef.current?.querySelector<HTMLElement>(INVALID_CONTROL)?.focus();
  }, [refusedTries]);
  /** Whether the content may go to the server; if not, the problems show. */
  const ready = () => {
    if (problemCount === 0) return true;
    setDone(null);
    setRefusedTries((tries) => tries + 1);
    return false;
  };

  const save = useAction(async (submit: boolean) => {
    const body = { content: asContent(content), submit };
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
  const trySave = (submit: boolean) => {
    if (ready()) void save.run(submit);
  };
  const editable = !entry || entry.permissions.edit;
  const errors: Record<string, string> = { ...contentErrorsOf(save.error) };
  if (refusedTries > 0)
    for (const [path, problem] of Object.entries(problems)) errors[path] = t(problem.key, problem.vars);

  return (
    <div className="form form--wide">
      {done && <Notice>{done}</Notice>}
      {entry && <EntryState entry={entry} />}
      {editable && (
        <form
          ref={formRef}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            trySave(true);
          }}
        >
          <EntryForm
            kind={kind}
            unitId={unitId}
            content={content}
            onChange={(update) => {
              save.clearError();
              setContent(update);
            }}
            attachments={attachments}
            onAttach={(id, attachment) => setAttachments((known) => ({ ...known, [id]: attachment }))}
            errors={errors}
          />
          {refusedTries > 0 && problemCount > 0 && (
            <p className="alert alert--error" role="alert" data-testid="site-entry-problems">
              {t("sites.check.summary", { count: problemCount })}
            </p>
          )}
          <ErrorAlert error={save.error} />
          <div className="actions">
            <button type="button" className="button--secondary" disabled={save.busy} onClick={() => trySave(false)}>
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
        <ReviewPanel
          entry={entry}
          saveEdits={async () => {
            // A reviewer's edits are saved before approving them.
            if (!entry.permissions.edit) return true;
            if (!ready()) return false;
            await sitesApi.updateEntry(entry.id, { content: asContent(content), submit: false });
            return true;
          }}
          onDone={(notice) => {
            setDone(notice);
            reload();
          }}
        />
      )}
    </div>
  );
}

const INVALID_CONTROL = "input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true]";

/** The server's messages about the content, by content path ("stages.0.progress"). */
function contentErrorsOf(error: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrorsOf(error, { fullPaths: true })).map(([path, message]) => [
      path.replace(/^content\./, ""),
      message,
    ]),
  );
}
