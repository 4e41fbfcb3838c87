import { PostContentFields } from "./PostContentFields";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import type { ChannelOutcome, Delivery, Post } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { CHANNEL_KIND_NAMES } from "@web/components/labels";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import {
  CAN_EDIT_AFTER_PUBLISHING,
  CAN_REMOVE_AFTER_PUBLISHING,
  liveDeliveries,
} from "@web/publishing/afterPublishing";
import {
  contentOfPost,
  contentProblems,
  isPublishingChannel,
  serverProblems,
  type PostContent,
} from "@web/publishing/channelRules";
import { type EditPublishedBody, postsApi, type PublishedChangeResult } from "@web/pages/posts/api";

/** A correction or a withdrawal that the server carried out, with what happened per channel. */
export type PublishedChange = { action: "correct" | "withdraw"; result: PublishedChangeResult };

const channelLabel = (channel: { kind: Delivery["channel"]["kind"]; name: string }) =>
  `${CHANNEL_KIND_NAMES[channel.kind]} · ${channel.name}`;

type Mode = "closed" | "correct" | "withdraw";

/** "Koreksi" and "Tarik unggahan" for a published post, each opening inline below its button. */
export function PublishedPostActions({ post, onChanged }: { post: Post; onChanged(change: PublishedChange): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>("closed");
  const correctButton = useRef<HTMLButtonElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const correctId = useId();
  const withdrawId = useId();
  const { editPublished, withdraw } = post.permissions;
  if (!editPublished && !withdraw) return null;

  // Closing hands the focus back to the button that opened the panel.
  const close = (button: RefObject<HTMLButtonElement | null>) => {
    setMode("closed");
    button.current?.focus();
  };
  const done = (action: PublishedChange["action"]) => (result: PublishedChangeResult) => {
    setMode("closed");
    onChanged({ action, result });
  };
  const toggle = (target: Mode) => setMode((current) => (current === target ? "closed" : target));

  return (
    <div className="published-actions">
      <div className="actions">
        {editPublished && (
          <button
            type="button"
            className="button--secondary"
            ref={correctButton}
            aria-expanded={mode === "correct"}
            aria-controls={correctId}
            onClick={() => toggle("correct")}
          >
            {t("published.correct")}
          </button>
        )}
        {withdraw && (
          <button
            type="button"
            className="button--secondary"
            ref={withdrawButton}
            aria-expanded={mode === "withdraw"}
            aria-controls={withdrawId}
            onClick={() => toggle("withdraw")}
          >
            {t("published.withdraw")}
          </button>
        )}
      </div>
      {mode === "correct" && (
        <CorrectionForm id={correctId} post={post} onSaved={done("correct")} onCancel={() => close(correctButton)} />
      )}
      {mode === "withdraw" && (
        <WithdrawConfirmation
          id={withdrawId}
          post={post}
          onWithdrawn={done("withdraw")}
          onCancel={() => close(withdrawButton)}
        />
      )}
    </div>
  );
}

/** Only the fields that differ from the published post, so the audit log shows the real correction. */
function correctionOf(post: Post, content: PostContent): EditPublishedBody {
  const correction: EditPublishedBody = {};
  const link = content.link.trim() || null;
  if (content.title.trim() !== post.title) correction.title = content.title.trim();
  if (content.body.trim() !== post.body) correction.body = content.body.trim();
  if (link !== post.link) correction.link = link;
  if (content.hashtags.join(" ") !== post.hashtags.join(" ")) correction.hashtags = content.hashtags;
  return correction;
}

const escapeCloses = (onCancel: () => void) => (event: KeyboardEvent) => {
  if (event.key === "Escape") {
    event.stopPropagation();
    onCancel();
  }
};

/** Title, body, link and hashtags of a published post, with what saving will do on each channel. */
function CorrectionForm({
  id,
  post,
  onSaved,
  onCancel,
}: {
  id: string;
  post: Post;
  onSaved(result: PublishedChangeResult): void;
  onCancel(): void;
}) {
  const { t, language } = useI18n();
  const titleId = useId();
  const [content, setContent] = useState<PostContent>(() => contentOfPost(post));
  const live = liveDeliveries(post);
  const editable = live.filter((delivery) => CAN_EDIT_AFTER_PUBLISHING[delivery.channel.kind]);
  const keepsOriginal = live.filter((delivery) => !CAN_EDIT_AFTER_PUBLISHING[delivery.channel.kind]);
  const correction = correctionOf(post, content);
  const unchanged = Object.keys(correction).length === 0;
  const save = useAction(async () => onSaved(await postsApi.correctPublished(post.id, correction)));

  // The same rules the server checks, on the channels whose text will actually change.
  const problems = contentProblems(
    editable.map((delivery) => delivery.channel).filter(isPublishingChannel),
    content,
    language,
  );
  const fromServer = serverProblems(save.error);
  const problemAt = (field: string) =>
    [...(problems[field] ?? []), ...(fromServer[field] ?? [])].join(" ") || undefined;
  const hasProblems = Object.keys(problems).length > 0;
  const edit = (change: Partial<PostContent>) => {
    save.clearError();
    setContent((current) => ({ ...current, ...change }));
  };

  return (
    <form
      id={id}
      className="form panel correction-form"
      aria-labelledby={titleId}
      noValidate
      onKeyDown={escapeCloses(onCancel)}
      onSubmit={(event) => {
        event.preventDefault();
        if (!unchanged && !hasProblems) void save.run();
      }}
    >
      <h3 id={titleId}>{t("published.correctTitle")}</h3>
      <PostContentFields content={content} edit={edit} problemAt={problemAt} autoFocus />
      <ChannelPlan title={t("published.correctPlan")}>
        {live.map((delivery) => (
          <PlanItem key={delivery.id} delivery={delivery}>
            {CAN_EDIT_AFTER_PUBLISHING[delivery.channel.kind]
              ? t("published.willUpdate")
              : t("published.keepsOriginal", { channel: CHANNEL_KIND_NAMES[delivery.channel.kind] })}
          </PlanItem>
        ))}
      </ChannelPlan>
      {keepsOriginal.length > 0 && <p className="field__hint">{t("published.keepsOriginalHint")}</p>}
      <ErrorAlert error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.busy || unchanged || hasProblems}>
          {t("published.saveCorrection")}
        </button>
        <button type="button" className="button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      {unchanged && <p className="muted">{t("published.noChanges")}</p>}
    </form>
  );
}

/** Lists what withdrawing does on each channel before the second, decisive press. */
function WithdrawConfirmation({
  id,
  post,
  onWithdrawn,
  onCancel,
}: {
  id: string;
  post: Post;
  onWithdrawn(result: PublishedChangeResult): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const withdraw = useAction(async () => onWithdrawn(await postsApi.withdraw(post.id)));
  // The explanation is read first; the confirm button is the next stop for the keyboard.
  useEffect(() => heading.current?.focus(), []);
  const planFor = (delivery: Delivery) => {
    if (delivery.channel.kind === "website") return t("published.willRemoveWebsite");
    if (CAN_REMOVE_AFTER_PUBLISHING[delivery.channel.kind])
      return t("published.willRemove", { channel: CHANNEL_KIND_NAMES[delivery.channel.kind] });
    return t("published.removeByHand", { channel: CHANNEL_KIND_NAMES[delivery.channel.kind] });
  };
  return (
    <div
      id={id}
      className="panel withdraw-confirm"
      role="group"
      aria-labelledby={titleId}
      onKeyDown={escapeCloses(onCancel)}
    >
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {t("published.withdrawTitle")}
      </h3>
      <ChannelPlan title={t("published.withdrawPlan")}>
        {liveDeliveries(post).map((delivery) => (
          <PlanItem key={delivery.id} delivery={delivery}>
            {planFor(delivery)}
          </PlanItem>
        ))}
      </ChannelPlan>
      <ErrorAlert error={withdraw.error} />
      <div className="actions">
        <button type="button" className="button--danger" disabled={withdraw.busy} onClick={() => void withdraw.run()}>
          {t("published.confirmWithdraw")}
        </button>
        <button type="button" className="button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}

function ChannelPlan({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <div className="channel-plan">
      <p id={titleId}>
        <strong>{title}</strong>
      </p>
      <ul aria-labelledby={titleId}>{children}</ul>
    </div>
  );
}

function PlanItem({ delivery, children }: { delivery: Delivery; children: ReactNode }) {
  return (
    <li data-testid={`plan-${delivery.channel.kind}`}>
      <strong>{channelLabel(delivery.channel)}</strong>: {children}
    </li>
  );
}

/**
 * What a correction or withdrawal did on each channel. Announced as a status, or as an alert
 * when a channel failed; the heading takes the focus, since the form that was used is gone.
 */
export function ChannelOutcomes({ change }: { change: PublishedChange }) {
  const { t } = useI18n();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [change]);
  const { action, result } = change;
  const failed = result.channels.some((channel) => channel.outcome === "failed");
  const describe = ({ kind, outcome, reason }: ChannelOutcome) => {
    const platform = CHANNEL_KIND_NAMES[kind];
    if (outcome === "failed") return t("outcome.failed", { reason: reason ?? "—" });
    if (action === "correct")
      return outcome === "done" ? t("outcome.updated") : t("outcome.cannotEdit", { channel: platform });
    return outcome === "done" ? t("outcome.removed") : t("outcome.removeByHand", { channel: platform });
  };
  return (
    <section className="panel channel-outcomes" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {t(action === "correct" ? "published.correctResult" : "published.withdrawResult")}
      </h2>
      <div role={failed ? "alert" : "status"}>
        <p>
          {t(failed ? "published.someFailed" : action === "correct" ? "published.corrected" : "published.withdrawn")}
        </p>
        {result.channels.length > 0 && (
          <ul>
            {result.channels.map((channel) => (
              <li
                key={channel.deliveryId}
                className={`outcome outcome--${channel.outcome}`}
                data-testid={`outcome-${channel.kind}`}
              >
                <strong>{channelLabel({ kind: channel.kind, name: channel.channel })}</strong>: {describe(channel)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
