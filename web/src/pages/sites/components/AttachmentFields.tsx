import { type ChangeEvent, useId } from "react";
import { uploadFile } from "@web/api/client";
import type { Media } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { FieldGroup } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { sitesApi } from "@web/pages/sites/api";

/** A photo's or a file's address and name, as the entry's `attachments` give them. */
export type Attachment = { url: string; name: string };

type Common = {
  label: string;
  error?: string;
  unitId: string;
  attachments: Record<string, Attachment>;
  onAttach(id: string, attachment: Attachment): void;
};

/** Photos of an entry: uploaded for the unit (resized by the server), shown, removable. */
export function PhotosField({
  label,
  error,
  unitId,
  ids,
  attachments,
  onAttach,
  onChange,
}: Common & {
  ids: string[];
  /** Given the photos as they are when the change lands: an upload may finish after other edits. */
  onChange(update: (ids: string[]) => string[]): void;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const upload = useAction(async (files: File[]) => {
    const added: string[] = [];
    for (const file of files) {
      const media = await uploadFile<Media>("/media", file, { unitId, name: file.name });
      onAttach(media.id, { url: media.url, name: media.originalName ?? file.name });
      added.push(media.id);
    }
    onChange((current) => [...current, ...added]);
  });
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = "";
    if (files.length > 0) void upload.run(files);
  };
  return (
    <FieldGroup legend={label} error={error} className="media-picker">
      {ids.length > 0 && (
        <ul className="media-list">
          {ids.map((id) => (
            <li key={id} className="media-list__item">
              {attachments[id] && <img src={attachments[id].url} alt={attachments[id].name} />}
              <span className="media-list__name">{attachments[id]?.name ?? id}</span>
              <button
                type="button"
                className="button--secondary"
                aria-label={t("sites.removePhotoNamed", { name: attachments[id]?.name ?? id })}
                onClick={() => onChange((current) => current.filter((x) => x !== id))}
              >
                {t("sites.removePhoto")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={inputId}>{upload.busy ? t("sites.uploading") : t("sites.addPhotos")}</label>
      <input
        id={inputId}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        disabled={upload.busy}
        onChange={choose}
        data-testid="site-photo-input"
      />
      <ErrorAlert error={upload.error} />
    </FieldGroup>
  );
}

/** One PDF of an entry (a download, an APBDes report). */
export function DocumentField({
  label,
  error,
  unitId,
  id,
  attachments,
  onAttach,
  onChange,
}: Common & {
  id: string | null;
  onChange(id: string | null): void;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const upload = useAction(async (file: File) => {
    const document = await sitesApi.uploadDocument(unitId, file);
    onAttach(document.id, { url: document.url, name: document.name });
    onChange(document.id);
  });
  return (
    <FieldGroup legend={label} error={error}>
      {id && (
        <p>
          <a href={attachments[id]?.url} target="_blank" rel="noreferrer">
            {attachments[id]?.name ?? id}
          </a>
        </p>
      )}
      <label htmlFor={inputId}>{t("sites.choosePdf")}</label>
      <input
        id={inputId}
        type="file"
        accept="application/pdf"
        disabled={upload.busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void upload.run(file);
        }}
      />
      <ErrorAlert error={upload.error} />
    </FieldGroup>
  );
}
