import { postsApi } from "@web/pages/posts/api";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { Post } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { TextAreaField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { tomorrowMorning, toWallClock } from "@web/publishing/zonedTime";
import { PublishedPostActions, type PublishedChange } from "./PublishedPostActions";
import { RescheduleForm } from "./RescheduleForm";
import { submitLabelKey } from "../submitWording";

/** The post's lifecycle actions, each shown only when the post's `permissions` allow it. */
export function PostActions({
  post,
  onChanged,
  onPublishedChange,
}: {
  post: Post;
  onChanged(post: Post): void;
  onPublishedChange(change: PublishedChange): void;
}) {
  const { t } = useI18n();
  const { permissions } = post;
  const act = useAction(async (call: () => Promise<Post>) => onChanged(await call()));
  if (!Object.values(permissions).some(Boolean)) return null;

  return (
    <section className="panel post-actions" aria-labelledby="post-actions-title">
      <h2 id="post-actions-title">{t("common.actions")}</h2>
      <div className="actions">
        {permissions.edit && (
          <Link className="button button--secondary" to={`/posts/${post.id}/edit`}>
            {t("common.edit")}
          </Link>
        )}
        {permissions.submit && (
          <button type="button" disabled={act.busy} onClick={() => void act.run(() => postsApi.submit(post.id))}>
            {t(submitLabelKey(post.needsApproval, post.scheduledAt !== null))}
          </button>
        )}
        {permissions.cancel && (
          <ConfirmButton
            label={t("post.cancel")}
            confirmLabel={t("post.confirmCancel")}
            busy={act.busy}
            onConfirm={() => void act.run(() => postsApi.cancel(post.id))}
          />
        )}
      </div>
      {permissions.approve && (
        <ReviewForm
          busy={act.busy}
          onApprove={(note) => void act.run(() => postsApi.approve(post.id, note ? { note } : {}))}
          onReturn={(note) => void act.run(() => postsApi.return(post.id, { note }))}
        />
      )}
      {permissions.reschedule && (
        <RescheduleForm
          post={post}
          initial={post.scheduledAt ? toWallClock(post.scheduledAt, post.unit.timezone) : tomorrowMorning()}
          onRescheduled={onChanged}
        />
      )}
      <PublishedPostActions post={post} onChanged={onPublishedChange} />
      <ErrorAlert error={act.error} />
    </section>
  );
}

/** Approve with an optional note, or return to the author with a required one. */
function ReviewForm({
  busy,
  onApprove,
  onReturn,
}: {
  busy: boolean;
  onApprove(note: string): void;
  onReturn(note: string): void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const [noteMissing, setNoteMissing] = useState(false);
  return (
    <div className="form review-form">
      <TextAreaField
        label={t("post.note")}
        hint={t("post.noteHint")}
        rows={3}
        value={note}
        onChange={(e) => {
          setNote(e.target.value);
          setNoteMissing(false);
        }}
        error={noteMissing ? t("post.noteRequired") : undefined}
      />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => onApprove(note.trim())}>
          {t("post.approve")}
        </button>
        <button
          type="button"
          className="button--secondary"
          disabled={busy}
          onClick={() => (note.trim() ? onReturn(note.trim()) : setNoteMissing(true))}
        >
          {t("post.return")}
        </button>
      </div>
    </div>
  );
}
