import { postsApi } from "@web/pages/posts/api";
import { useState, type FormEvent } from "react";
import type { Post } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { fromWallClock, type WallClock } from "@web/publishing/zonedTime";
import { ZonedDateTimeField } from "./ZonedDateTimeField";

/** Picks a new date and time in the unit's zone for a post and reschedules it. */
export function RescheduleForm({
  post,
  initial,
  onRescheduled,
}: {
  post: Post;
  initial: WallClock;
  onRescheduled(post: Post): void;
}) {
  const { t } = useI18n();
  const [when, setWhen] = useState(initial);
  const reschedule = useAction(async () =>
    onRescheduled(await reschedulePost(post, fromWallClock(when, post.unit.timezone))),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void reschedule.run();
  };
  return (
    <form className="form reschedule-form" onSubmit={submit}>
      <ZonedDateTimeField legend={t("post.reschedule")} timeZone={post.unit.timezone} value={when} onChange={setWhen} />
      <ErrorAlert error={reschedule.error} />
      <button type="submit" disabled={reschedule.busy}>
        {t("post.reschedule")}
      </button>
    </form>
  );
}

export function reschedulePost(post: Post, scheduledAt: string): Promise<Post> {
  return postsApi.reschedule(post.id, { scheduledAt });
}
