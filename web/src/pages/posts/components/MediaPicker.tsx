import { useId, useState, type ChangeEvent } from "react";
import { uploadFile } from "@web/api/client";
import type { Media } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { FieldGroup } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { IMAGE_TYPES, VIDEO_TYPES } from "@web/publishing/channelRules";

const ACCEPTED_TYPES = [...IMAGE_TYPES, ...VIDEO_TYPES].join(",");

type MediaPickerProps = { unitId: string; media: readonly Media[]; onChange(media: Media[]): void; error?: string };

/** Uploads images or a video for the unit, then shows them as thumbnails to reorder or remove. */
export function MediaPicker({ unitId, media, onChange, error }: MediaPickerProps) {
  const { t } = useI18n();
  const inputId = useId();
  const [uploadingName, setUploadingName] = useState<string | null>(null);
  const upload = useAction(async (files: File[]) => {
    const uploaded: Media[] = [];
    try {
      for (const file of files) {
        setUploadingName(file.name);
        const size = file.type.startsWith("video/") ? await videoSize(file) : null;
        uploaded.push(await uploadFile<Media>("/media", file, { unitId, name: file.name, ...size }));
      }
    } finally {
      setUploadingName(null);
      // Keep what did upload even when a later file is refused.
      if (uploaded.length > 0) onChange([...media, ...uploaded]);
    }
  });

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = ""; // the same file may be chosen again after removing it
    if (files.length > 0) void upload.run(files);
  };

  const move = (index: number, by: -1 | 1) => {
    const reordered = [...media];
    const [item] = reordered.splice(index, 1);
    reordered.splice(index + by, 0, item!);
    onChange(reordered);
  };

  return (
    <FieldGroup legend={t("compose.media")} hint={t("compose.mediaHint")} error={error} className="media-picker">
      {media.length > 0 && (
        <ol className="media-list">
          {media.map((item, index) => {
            const name = item.originalName ?? t("compose.mediaItem", { position: index + 1 });
            return (
              <li key={item.id} className="media-list__item">
                {item.kind === "image" ? (
                  <img src={item.url} alt={name} />
                ) : (
                  <video src={item.url} muted preload="metadata" aria-label={name} />
                )}
                <span className="media-list__name">{name}</span>
                <div className="row-actions">
                  <button
                    type="button"
                    className="button--secondary"
                    disabled={index === 0}
                    aria-label={t("compose.moveEarlier", { name })}
                    onClick={() => move(index, -1)}
                  >
                    ←
                  </button>
                  <button
                    type="button"
                    className="button--secondary"
                    disabled={index === media.length - 1}
                    aria-label={t("compose.moveLater", { name })}
                    onClick={() => move(index, 1)}
                  >
                    →
                  </button>
                  <button
                    type="button"
                    className="button--secondary"
                    aria-label={t("compose.removeMedia", { name })}
                    onClick={() => onChange(media.filter((other) => other.id !== item.id))}
                  >
                    {t("compose.remove")}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="field">
        <label htmlFor={inputId}>{t("compose.addMedia")}</label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPTED_TYPES}
          multiple
          disabled={upload.busy || !unitId}
          onChange={choose}
        />
      </div>
      {uploadingName && <p role="status">{t("compose.uploading", { name: uploadingName })}</p>}
      <ErrorAlert error={upload.error} />
    </FieldGroup>
  );
}

/** A video's frame size, read by the browser: the server cannot measure videos itself. */
function videoSize(file: File): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const video = document.createElement("video");
    const url = URL.createObjectURL(file);
    const finish = (size: { width: number; height: number } | null) => {
      URL.revokeObjectURL(url);
      resolve(size);
    };
    video.preload = "metadata";
    video.onloadedmetadata = () => finish({ width: video.videoWidth, height: video.videoHeight });
    video.onerror = () => finish(null);
    video.src = url;
  });
}
