import { useState, type FormEvent } from "react";
import type { PpidRequest } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField, TextField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";

type File_ = PpidRequest["files"][number];

/**
 * The files the information is delivered in: originals and, beside them, redacted copies with who
 * blacked out what. The applicant downloads what is shared, never an original that has a copy.
 */
export function FilesPanel({ request, onChange }: { request: PpidRequest; onChange(request: PpidRequest): void }) {
  const { t, formatDateTime } = useI18n();
  const share = useAction(async (file: File_, shared: boolean) =>
    onChange(await ppidApi.share(request.id, file.id, { shared })),
  );
  const originals = request.files.filter((file) => !file.redactedFromId);
  const nameOf = (id: string | null) => request.files.find((file) => file.id === id)?.name ?? "";
  return (
    <section className="panel" aria-labelledby="ppid-files-title">
      <h2 id="ppid-files-title">{t("ppid.files.title")}</h2>
      {request.files.length === 0 ? (
        <p>{t("ppid.files.none")}</p>
      ) : (
        <ul className="ppid-files">
          {request.files.map((file) => (
            <li key={file.id} data-testid="ppid-file">
              <a href={file.url} download>
                {file.name}
              </a>{" "}
              <span className="muted">
                ({Math.max(1, Math.round(file.bytes / 1024))} KB · {file.uploadedBy?.name} ·{" "}
                {formatDateTime(file.createdAt)})
              </span>
              {file.redactedFromId && (
                <p>
                  {t("ppid.files.redactedCopyOf", { name: nameOf(file.redactedFromId) })}: {file.redactionNote}
                </p>
              )}
              <p>
                {file.withheld
                  ? t("ppid.files.withheld")
                  : file.shared
                    ? t("ppid.files.shared")
                    : t("ppid.files.notShared")}{" "}
                {request.permissions.handle && !file.withheld && (
                  <button
                    type="button"
                    className="button--link"
                    disabled={share.busy}
                    onClick={() => void share.run(file, !file.shared)}
                  >
                    {file.shared ? t("ppid.files.unshare") : t("ppid.files.share")}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={share.error} />
      {request.permissions.handle && <UploadForm request={request} originals={originals} onChange={onChange} />}
    </section>
  );
}

function UploadForm({
  request,
  originals,
  onChange,
}: {
  request: PpidRequest;
  originals: File_[];
  onChange(request: PpidRequest): void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [shared, setShared] = useState(true);
  const [redactedFromId, setRedactedFromId] = useState("");
  const [redactionNote, setRedactionNote] = useState("");
  const [formKey, setFormKey] = useState(0);
  const upload = useAction(async () => {
    if (!file) return;
    onChange(
      await ppidApi.upload(request.id, file, { shared, ...(redactedFromId && { redactedFromId, redactionNote }) }),
    );
    setFile(null);
    setShared(true);
    setRedactedFromId("");
    setRedactionNote("");
    setFormKey((key) => key + 1);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void upload.run();
  };
  return (
    <form key={formKey} className="form" onSubmit={submit} aria-label={t("ppid.files.upload")}>
      <div className="field">
        <label htmlFor="ppid-file-input">{t("ppid.files.choose")}</label>
        <input
          id="ppid-file-input"
          type="file"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          accept=".pdf,.png,.jpg,.jpeg,.csv,.txt,.docx,.xlsx,.pptx,.odt,.ods"
        />
        <p className="field__hint">{t("ppid.files.hint")}</p>
      </div>
      <SelectField
        label={t("ppid.files.redactedFrom")}
        value={redactedFromId}
        onChange={(e) => setRedactedFromId(e.target.value)}
      >
        <option value="">{t("ppid.files.isOriginal")}</option>
        {originals.map((original) => (
          <option key={original.id} value={original.id}>
            {original.name}
          </option>
        ))}
      </SelectField>
      {redactedFromId && (
        <TextField
          label={t("ppid.files.redactionNote")}
          required
          minLength={3}
          maxLength={2000}
          value={redactionNote}
          onChange={(e) => setRedactionNote(e.target.value)}
        />
      )}
      <label className="checkbox">
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
        {t("ppid.files.shareWithApplicant")}
      </label>
      <ErrorAlert error={upload.error} />
      <div className="actions">
        <button type="submit" disabled={upload.busy}>
          {t("ppid.files.upload")}
        </button>
      </div>
    </form>
  );
}
