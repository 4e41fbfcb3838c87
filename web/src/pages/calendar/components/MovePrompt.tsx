import type { Post } from "@web/api/types";
import { useI18n } from "@web/i18n";

/** A drop waiting for its confirmation: the post and the time it would move to. */
export type PendingMove = { post: Post; scheduledAt: string };
/** A move made, with the time it had before, so it can be undone. */
export type MadeMove = { post: Post; previousAt: string };

/** "Move «post» to Tuesday 12 March, 10.15 WIB?" with confirm and cancel. */
export function ConfirmMove({
  move,
  busy,
  onConfirm,
  onCancel,
}: {
  move: PendingMove;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t, formatInZone } = useI18n();
  return (
    <div className="panel calendar-move" role="alertdialog" aria-labelledby="calendar-move-question">
      <p id="calendar-move-question">
        {t("calendar.confirmMove", {
          title: move.post.title,
          at: formatInZone(move.scheduledAt, move.post.unit.timezone),
        })}
      </p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={onConfirm}>
          {t("calendar.move")}
        </button>
        <button type="button" className="button--secondary" disabled={busy} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}

/** "«post» moved to …" with an undo that puts it back at its previous time. */
export function MovedNotice({ move, busy, onUndo }: { move: MadeMove; busy: boolean; onUndo(): void }) {
  const { t, formatInZone } = useI18n();
  return (
    <div className="alert alert--success calendar-move" role="status">
      <span>
        {t("calendar.moved", {
          title: move.post.title,
          at: formatInZone(move.post.scheduledAt!, move.post.unit.timezone),
        })}
      </span>{" "}
      <button type="button" className="button--secondary" disabled={busy} onClick={onUndo}>
        {t("calendar.undo")}
      </button>
    </div>
  );
}
