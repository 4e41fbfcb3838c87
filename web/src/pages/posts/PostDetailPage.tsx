import { postsApi } from "./api";
import { useState, type ReactNode } from "react";
import { useParams } from "react-router-dom";
import type { Delivery, Post } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { CHANNEL_KIND_NAMES, DELIVERY_STATUS_LABELS } from "@web/components/labels";
import { ListTable } from "@web/components/ListTable";
import { Page } from "@web/components/Page";
import { useLivePosts } from "@web/hooks/useLivePosts";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { contentOfPost, isPublishingChannel } from "@web/publishing/channelRules";
import { deliveryProblemKey } from "@web/publishing/deliveryProblems";
import { PreviewList } from "./components/ChannelPreview";
import { PostActions } from "./components/PostActions";
import { ChannelOutcomes, type PublishedChange } from "./components/PublishedPostActions";
import { PostStatusBadge } from "./components/StatusBadges";
import { usePostTime } from "./hooks/usePostTime";

/** Everything about one post, kept live through "post.updated". */
export function PostDetailPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const loaded = useLoad(() => postsApi.get(id), [id]);
  const { posts, adopt } = useLivePosts(loaded.data ? [loaded.data] : []);
  const post = posts[0];
  const [publishedChange, setPublishedChange] = useState<PublishedChange | null>(null);
  // The result outlives the actions panel: a withdrawn post has no actions left.
  const adoptPublishedChange = (change: PublishedChange) => {
    adopt(change.result.post);
    setPublishedChange(change);
  };
  if (!post) {
    return (
      <Page title={t("nav.posts")}>
        <ErrorAlert error={loaded.error} />
        {loaded.loading && <p role="status">{t("common.loading")}</p>}
      </Page>
    );
  }
  // Whoever reviews the post reads it first, then decides: the previews come before the actions.
  const reviewing = post.permissions.approve;
  const previews = (
    <section aria-labelledby="post-previews-title">
      <h2 id="post-previews-title">{t("preview.title")}</h2>
      <PreviewList
        channels={post.deliveries.map((delivery) => delivery.channel).filter(isPublishingChannel)}
        content={contentOfPost(post)}
      />
    </section>
  );
  return (
    <Page title={post.title} actions={<PostStatusBadge status={post.status} />}>
      <PostFacts post={post} />
      {reviewing && previews}
      <PostActions post={post} onChanged={adopt} onPublishedChange={adoptPublishedChange} />
      {publishedChange?.result.post.id === post.id && <ChannelOutcomes change={publishedChange} />}
      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{t("post.deliveries")}</h2>
        <DeliveryTable post={post} />
      </section>
      {!reviewing && previews}
    </Page>
  );
}

function PostFacts({ post }: { post: Post }) {
  const { t, formatInZone } = useI18n();
  const postTime = usePostTime();
  // Facts without a value (no link, not reviewed yet) are left out.
  const facts: [string, ReactNode][] = [
    [t("posts.unit"), post.unit.name],
    [t("post.author"), post.author.name],
    [t("posts.time"), postTime(post)],
    [t("compose.link"), post.link && <a href={post.link}>{post.link}</a>],
    [t("compose.hashtags"), post.hashtags.map((tag) => `#${tag}`).join(" ")],
    [t("post.websiteUrl"), post.websiteUrl && <a href={post.websiteUrl}>{post.websiteUrl}</a>],
    [
      t("post.reviewedBy"),
      post.reviewedBy &&
        post.reviewedAt &&
        `${post.reviewedBy.name}, ${formatInZone(post.reviewedAt, post.unit.timezone)}`,
    ],
    [t("post.reviewNote"), post.reviewNote],
  ];
  return (
    <dl className="facts">
      {facts
        .filter(([, value]) => value)
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function DeliveryTable({ post }: { post: Post }) {
  const { t } = useI18n();
  return (
    <ListTable
      list={{ items: post.deliveries, loading: false, error: null }}
      caption={t("post.deliveries")}
      columns={[t("posts.channels"), t("common.status"), t("post.attempts"), t("post.remote"), t("post.lastError")]}
      row={(delivery) => (
        <tr data-testid={`delivery-${delivery.channel.kind}`}>
          <th scope="row">
            {CHANNEL_KIND_NAMES[delivery.channel.kind]} · {delivery.channel.name}
          </th>
          <td>
            <span className={`badge delivery--${delivery.status}`}>{t(DELIVERY_STATUS_LABELS[delivery.status])}</span>
          </td>
          <td>{delivery.attempts}</td>
          <td>
            {delivery.remoteUrl ? (
              <a href={delivery.remoteUrl} target="_blank" rel="noreferrer noopener">
                {t("post.openRemote", { channel: CHANNEL_KIND_NAMES[delivery.channel.kind] })}
              </a>
            ) : (
              "—"
            )}
          </td>
          <td>
            <DeliveryProblem delivery={delivery} timeZone={post.unit.timezone} />
          </td>
        </tr>
      )}
    />
  );
}

function DeliveryProblem({ delivery, timeZone }: { delivery: Delivery; timeZone: Post["unit"]["timezone"] }) {
  const { t, formatInZone } = useI18n();
  if (!delivery.lastErrorMessage) return <>—</>;
  return (
    <>
      {delivery.lastErrorCode && <p>{t(deliveryProblemKey(delivery.lastErrorCode))}</p>}
      <p className="muted">{delivery.lastErrorMessage}</p>
      {delivery.nextAttemptAt && delivery.status !== "failed" && (
        <p className="muted">{t("post.nextAttempt", { at: formatInZone(delivery.nextAttemptAt, timeZone) })}</p>
      )}
      {delivery.checkAt && (
        <p className="muted">{t("post.checkBeforeRetry", { at: formatInZone(delivery.checkAt, timeZone) })}</p>
      )}
    </>
  );
}
