import { useId, useState } from "react";
import type { DipItem } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { SelectField, TextField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { dipApi } from "@web/pages/ppid/dip/api";
import { DIP_FILE_ACCEPT } from "@web/pages/ppid/dip/labels";

type DipFile = DipItem["files"][number];
type Purpose = DipFile["purpose"];

/** An entry's documents with every version, a new document, a new version of one, taking one off. */
export function DipFiles({ item, onChange }: { item: DipItem; onChange(item: DipItem): void }) {
  const { t } = useI18n();
  const editable = item.permissions.update;
  return (
    <section className="panel" aria-labelledby="dip-files-title">
      <h2 id="dip-files-title">{t("dip.files")}</h2>
      {item.files.length === 0 && <p>{t("dip.file.none")}</p>}
      <ul className="dip-files">
        {item.files.map((file) => (
          <li key={file.id} data-testid="dip-file">
            <DipFileEntry item={item} file={file} editable={editable && !file.removedAt} onChange={onChange} />
          </li>
        ))}
      </ul>
      {editable && <NewDocument item={item} onChange={onChange} />}
    </section>
  );
}

function DipFileEntry({
  item,
  file,
  editable,
  onChange,
}: {
  item: DipItem;
  file: DipFile;
  editable: boolean;
  onChange(item: DipItem): void;
}) {
  const { t, formatDateTime } = useI18n();
  const remove = useAction(() => dipApi.removeFile(item.id, file.id));
  return (
    <>
      <strong>{file.name}</strong> <span className="muted">{t(`dip.file.${file.purpose}`)}</span>
      {file.removedAt && <span className="badge"> {t("dip.file.removed")}</span>}
      <ol className="dip-versions" aria-label={t("dip.file.versions")}>
        {file.versions.map((version) => (
          <li key={version.id}>
            <a href={version.downloadUrl} download>
              {t("dip.file.version", { version: version.version })} · {version.originalName}
            </a>{" "}
            <span className="muted">
              {formatBytes(version.bytes)} ·{" "}
              <time dateTime={version.createdAt}>{formatDateTime(version.createdAt)}</time>
            </span>
          </li>
        ))}
      </ol>
      {editable && (
        <div className="row-actions">
          <FilePicker
            label={t("dip.file.newVersion")}
            onPick={async (chosen) => onChange(await dipApi.addVersion(item.id, file.id, chosen))}
          />
          <ConfirmButton
            label={t("dip.file.remove")}
            confirmLabel={t("dip.file.confirmRemove")}
            busy={remove.busy}
            onConfirm={async () => {
              const updated = await remove.run();
              if (updated) onChange(updated);
            }}
          />
        </div>
      )}
      <ErrorAlert error={remove.error} />
    </>
  );
}

/** A file input that uploads as soon as a file is chosen, showing the server's refusal if any. */
function FilePicker({ label, onPick }: { label: string; onPick(file: File): Promise<void> }) {
  const id = useId();
  const upload = useAction(onPick);
  return (
    <span>
      <label htmlFor={id}>{label}</label>{" "}
      <input
        id={id}
        type="file"
        accept={DIP_FILE_ACCEPT}
        disabled={upload.busy}
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = "";
          if (chosen) void upload.run(chosen);
        }}
      />
      <ErrorAlert error={upload.error} />
    </span>
  );
}

function NewDocument({ item, onChange }: { item: DipItem; onChange(item: DipItem): void }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [purpose, setPurpose] = useState<Purpose>("information");
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const fileId = useId();
  const upload = useAction(async () => {
    const updated = await dipApi.addFile(item.id, file!, { name: name.trim() || file!.name, purpose });
    setName("");
    setFile(null);
    setInputKey((key) => key + 1);
    onChange(updated);
    return updated;
  });
  return (
    <form
      className="form panel"
      aria-label={t("dip.file.upload")}
      onSubmit={(event) => {
        event.preventDefault();
        if (file) void upload.run();
      }}
    >
      <h3>{t("dip.file.upload")}</h3>
      <TextField label={t("dip.file.name")} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      {item.class === "dikecualikan" && (
        <SelectField
          label={t("dip.file.purpose")}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value as Purpose)}
        >
          <option value="information">{t("dip.file.information")}</option>
          <option value="consequence_test">{t("dip.file.consequence_test")}</option>
        </SelectField>
      )}
      <div className="field">
        <label htmlFor={fileId}>{t("dip.file.choose")}</label>
        <input
          key={inputKey}
          id={fileId}
          type="file"
          accept={DIP_FILE_ACCEPT}
          data-testid="dip-file-input"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <ErrorAlert error={upload.error} />
      <div className="actions">
        <button type="submit" disabled={!file || upload.busy}>
          {t("dip.file.send")}
        </button>
      </div>
    </form>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
