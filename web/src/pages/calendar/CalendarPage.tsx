import { postsApi } from "@web/pages/posts/api";
import { useState, type DragEvent } from "react";
import { Link } from "react-router-dom";
import { fetchAllPages } from "@web/api/client";
import type { Post } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { CHANNEL_KIND_NAMES } from "@web/components/labels";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useLivePosts } from "@web/hooks/useLivePosts";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { addDays, addMonths, fromWallClock, today, toWallClock, weekdayIndex } from "@web/publishing/zonedTime";
import { RescheduleForm, reschedulePost } from "@web/pages/posts/components/RescheduleForm";
import { ConfirmMove, type MadeMove, MovedNotice, type PendingMove } from "./components/MovePrompt";

type View = "month" | "week";

/** The days shown: whole weeks (Monday first) covering the month, or the week holding `anchor`. */
function visibleDays(view: View, anchor: string): string[] {
  const first = view === "month" ? `${anchor.slice(0, 7)}-01` : anchor;
  const start = addDays(first, -weekdayIndex(first));
  const end = view === "month" ? addDays(addMonths(anchor, 1), -1) : start;
  const weeks = Math.ceil((weekdayIndex(first) + dayCount(first, end) + 1) / 7);
  return Array.from({ length: Math.max(weeks, 1) * 7 }, (_, index) => addDays(start, index));
}

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Where a post sits: when it was published, else when it is scheduled, as its unit's clock reads it. */
function placement(post: Post): { date: string; time: string } | null {
  const at = post.publishedAt ?? post.scheduledAt;
  return at ? toWallClock(at, post.unit.timezone) : null;
}

export function CalendarPage() {
  const { t, intlLocale } = useI18n();
  const [view, setView] = useState<View>("month");
  const [anchor, setAnchor] = useState(today());
  const days = visibleDays(view, anchor);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  // A day longer on each side: the units' zones run ahead of UTC by up to nine hours.
  const range = { from: `${addDays(first, -1)}T00:00:00.000Z`, to: `${addDays(last, 2)}T00:00:00.000Z` };
  const loaded = useLoad(() => fetchAllPages<Post>("/posts", { ...range, limit: 100 }), [range.from, range.to]);
  const inView = (post: Post) => {
    const date = placement(post)?.date;
    return date !== undefined && date >= first && date <= last;
  };
  const { posts, adopt } = useLivePosts(loaded.data ?? [], inView);
  const postsOn = (date: string) =>
    posts
      .filter((post) => post.status !== "cancelled" && placement(post)?.date === date)
      .sort((a, b) => placement(a)!.time.localeCompare(placement(b)!.time));

  // A drop asks first; a move made can be undone until the next one.
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const [madeMove, setMadeMove] = useState<MadeMove | null>(null);
  const move = useAction(async ({ post, scheduledAt }: PendingMove) => {
    const moved = await reschedulePost(post, scheduledAt);
    adopt(moved);
    setPendingMove(null);
    setMadeMove({ post: moved, previousAt: post.scheduledAt! });
  });
  const undo = useAction(async ({ post, previousAt }: MadeMove) => {
    adopt(await reschedulePost(post, previousAt));
    setMadeMove(null);
  });
  const askToMove = (post: Post, date: string) => {
    const { time } = placement(post)!;
    setMadeMove(null);
    setPendingMove({ post, scheduledAt: fromWallClock({ date, time }, post.unit.timezone) });
  };
  const cancel = useAction(async (post: Post) => adopt(await postsApi.cancel(post.id)));

  const step = (direction: -1 | 1) =>
    setAnchor(view === "month" ? addMonths(anchor, direction) : addDays(anchor, 7 * direction));
  const heading =
    view === "month"
      ? new Intl.DateTimeFormat(intlLocale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
          new Date(`${anchor.slice(0, 7)}-01T00:00:00Z`),
        )
      : `${formatDay(intlLocale, first)} – ${formatDay(intlLocale, last)}`;

  return (
    <Page title={t("nav.calendar")}>
      <div className="calendar-toolbar">
        <div className="actions" role="group" aria-label={t("calendar.view")}>
          {(["month", "week"] as const).map((option) => (
            <button
              key={option}
              type="button"
              className="button--secondary"
              aria-pressed={view === option}
              onClick={() => setView(option)}
            >
              {t(option === "month" ? "calendar.month" : "calendar.week")}
            </button>
          ))}
        </div>
        <div className="actions">
          <button type="button" className="button--secondary" onClick={() => step(-1)}>
            {t("calendar.previous")}
          </button>
          <button type="button" className="button--secondary" onClick={() => setAnchor(today())}>
            {t("calendar.today")}
          </button>
          <button type="button" className="button--secondary" onClick={() => step(1)}>
            {t("calendar.next")}
          </button>
        </div>
        <h2 className="calendar-toolbar__heading" aria-live="polite">
          {heading}
        </h2>
      </div>
      <p className="field__hint">{t("calendar.dragHint")}</p>
      {pendingMove && (
        <ConfirmMove
          move={pendingMove}
          busy={move.busy}
          onConfirm={() => void move.run(pendingMove)}
          onCancel={() => setPendingMove(null)}
        />
      )}
      {madeMove && <MovedNotice move={madeMove} busy={undo.busy} onUndo={() => void undo.run(madeMove)} />}
      <ErrorAlert error={loaded.error ?? move.error ?? undo.error ?? cancel.error} />
      {loaded.loading && <p role="status">{t("common.loading")}</p>}
      <ol className={`calendar calendar--${view}`}>
        {days.map((date) => (
          <CalendarDay
            key={date}
            date={date}
            outside={view === "month" && date.slice(0, 7) !== anchor.slice(0, 7)}
            posts={postsOn(date)}
            onDropPost={(postId) => {
              const post = posts.find((candidate) => candidate.id === postId);
              if (post?.permissions.reschedule && post.scheduledAt && placement(post)?.date !== date)
                askToMove(post, date);
            }}
            onChanged={adopt}
            onCancel={(post) => void cancel.run(post)}
          />
        ))}
      </ol>
    </Page>
  );
}

function formatDay(
  intlLocale: string,
  date: string,
  options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" },
): string {
  return new Intl.DateTimeFormat(intlLocale, { ...options, timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

type CalendarDayProps = {
  date: string;
  outside: boolean;
  posts: Post[];
  onDropPost(postId: string): void;
  onChanged(post: Post): void;
  onCancel(post: Post): void;
};

function CalendarDay({ date, outside, posts, onDropPost, onChanged, onCancel }: CalendarDayProps) {
  const { intlLocale } = useI18n();
  const [dropTarget, setDropTarget] = useState(false);
  const accept = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(POST_DRAG_TYPE)) return;
    event.preventDefault();
    setDropTarget(true);
  };
  const classes = [
    "calendar__day",
    outside && "calendar__day--outside",
    date === today() && "calendar__day--today",
    dropTarget && "calendar__day--drop",
  ];
  return (
    <li
      className={classes.filter(Boolean).join(" ")}
      data-date={date}
      onDragOver={accept}
      onDragEnter={accept}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDropTarget(false);
        onDropPost(event.dataTransfer.getData(POST_DRAG_TYPE));
      }}
    >
      <h3 className="calendar__date">
        <time dateTime={date}>{formatDay(intlLocale, date, { weekday: "short", day: "numeric", month: "short" })}</time>
      </h3>
      {posts.length > 0 && (
        <ul className="calendar__entries">
          {posts.map((post) => (
            <CalendarEntry key={post.id} post={post} onChanged={onChanged} onCancel={() => onCancel(post)} />
          ))}
        </ul>
      )}
    </li>
  );
}

const POST_DRAG_TYPE = "application/x-siar-post";

function CalendarEntry({ post, onChanged, onCancel }: { post: Post; onChanged(post: Post): void; onCancel(): void }) {
  const { t, formatTimeInZone } = useI18n();
  const [rescheduling, setRescheduling] = useState(false);
  const when = placement(post)!;
  const canMove = post.permissions.reschedule;
  return (
    <li
      className={`calendar-entry status--${post.status}`}
      draggable={canMove}
      onDragStart={(event) => {
        event.dataTransfer.setData(POST_DRAG_TYPE, post.id);
        event.dataTransfer.effectAllowed = "move";
      }}
      data-testid="calendar-entry"
    >
      <span className="calendar-entry__time">
        {formatTimeInZone((post.publishedAt ?? post.scheduledAt)!, post.unit.timezone)}
      </span>
      <Link to={`/posts/${post.id}`} className="calendar-entry__title">
        {post.title}
      </Link>
      <span className="calendar-entry__channels">
        {post.deliveries.map((delivery) => (
          <abbr
            key={delivery.id}
            title={`${CHANNEL_KIND_NAMES[delivery.channel.kind]} · ${delivery.channel.name}`}
            className={`channel-mark channel-mark--${delivery.channel.kind}`}
          >
            {CHANNEL_MARKS[delivery.channel.kind]}
          </abbr>
        ))}
      </span>
      {(canMove || post.permissions.cancel) && (
        <details className="calendar-entry__menu">
          <summary aria-label={t("calendar.menu", { title: post.title })}>⋯</summary>
          <div className="calendar-entry__menu-body">
            {canMove && !rescheduling && (
              <button type="button" className="button--secondary" onClick={() => setRescheduling(true)}>
                {t("post.reschedule")}
              </button>
            )}
            {rescheduling && (
              <RescheduleForm
                post={post}
                initial={when}
                onRescheduled={(updated) => {
                  setRescheduling(false);
                  onChanged(updated);
                }}
              />
            )}
            {post.permissions.cancel && (
              <ConfirmButton label={t("post.cancel")} confirmLabel={t("post.confirmCancel")} onConfirm={onCancel} />
            )}
          </div>
        </details>
      )}
    </li>
  );
}

// Short marks for the calendar's small entries; the full platform name is in each mark's title.
const CHANNEL_MARKS = {
  website: "Web",
  facebook: "FB",
  instagram: "IG",
  x: "X",
  wordpress: "WP",
  email: "Mail",
  whatsapp: "WA",
} as const;
