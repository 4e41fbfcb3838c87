import { PostContentFields } from "./components/PostContentFields";
import { postsApi } from "./api";
import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { api } from "@web/api/client";
import type { Channel, Post, Timezone } from "@web/api/types";
import type { TargetChannel } from "@web/publishing/channelRules";

/** A channel the composer can publish to. */
type PublishingChannel = Channel & TargetChannel;
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { FieldGroup, SelectField, TextAreaField } from "@web/components/Field";
import { CHANNEL_KIND_NAMES } from "@web/components/labels";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import {
  contentOfPost,
  contentProblems,
  isPublishingChannel,
  serverProblems,
  type PostContent,
} from "@web/publishing/channelRules";
import { fromWallClock, tomorrowMorning, toWallClock, type WallClock } from "@web/publishing/zonedTime";
import { useSignedIn } from "@web/session/SessionProvider";
import { ChannelPicker } from "./components/ChannelPicker";
import { PreviewList } from "./components/ChannelPreview";
import { MediaPicker } from "./components/MediaPicker";
import { XLinkPlacementField } from "./components/XLinkPlacementField";
import { SitePicker } from "./components/SitePicker";
import { ZonedDateTimeField } from "./components/ZonedDateTimeField";
import { submitLabelKey } from "./submitWording";

const EMPTY_CONTENT: PostContent = {
  title: "",
  body: "",
  link: "",
  xLinkPlacement: "in_post",
  hashtags: [],
  media: [],
  overrides: {},
};

/** The composer: a new post (/compose) or a draft (/posts/:id/edit). */
export function ComposePage() {
  const { t } = useI18n();
  const { id } = useParams();
  const post = useLoad(() => (id ? postsApi.get(id) : Promise.resolve(null)), [id]);
  const channels = useLoad(
    async () => (await api.get<{ data: Channel[] }>("/channels")).data.filter(isPublishingChannel),
    [],
  );
  const title = id ? t("compose.editTitle") : t("compose.title");
  const loaded = post.data !== undefined && channels.data !== undefined;

  return (
    <Page title={title}>
      <ErrorAlert error={post.error ?? channels.error} />
      {!loaded && (post.loading || channels.loading) && <p role="status">{t("common.loading")}</p>}
      {loaded && post.data && !post.data.permissions.edit ? (
        <p>
          {t("compose.notEditable")} <Link to={`/posts/${post.data.id}`}>{post.data.title}</Link>
        </p>
      ) : (
        loaded && <PostEditor key={id ?? "new"} post={post.data} channels={channels.data!} />
      )}
    </Page>
  );
}

type Then = "saveDraft" | "submit";

function PostEditor({ post, channels }: { post: Post | null | undefined; channels: PublishingChannel[] }) {
  const { t, language } = useI18n();
  const session = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  const allUnits = useAllUnits();
  // Posts are written for one of the user's own units; roles without units pick from their scope.
  const unitChoices = session.user.units.length > 0 ? session.user.units : (allUnits.data ?? []);

  const [postId, setPostId] = useState(post?.id);
  const [unitId, setUnitId] = useState(post?.unit.id ?? session.user.units[0]?.id ?? "");
  const [content, setContent] = useState<PostContent>(post ? contentOfPost(post) : EMPTY_CONTENT);
  const [channelIds, setChannelIds] = useState<string[]>(post?.deliveries.map((delivery) => delivery.channel.id) ?? []);
  const [siteUnitId, setSiteUnitId] = useState<string | null>(post?.siteUnitId ?? null);
  const timeZone: Timezone =
    post?.unit.id === unitId
      ? post.unit.timezone
      : (allUnits.data?.find((unit) => unit.id === unitId)?.timezone ?? "Asia/Jakarta");
  const [sertaMerta, setSertaMerta] = useState(post?.sertaMerta ?? false);
  const [schedule, setSchedule] = useState<WallClock | null>(
    post?.scheduledAt ? toWallClock(post.scheduledAt, timeZone) : null,
  );

  // As postNeedsApproval decides on submitting: an officer's post, or any post of a unit that asks
  // for it, goes to a leader; anyone else's is scheduled or published at once, and the buttons say so.
  const needsApproval =
    (post?.author.role ?? session.user.role) === "officer" ||
    (allUnits.data?.find((unit) => unit.id === unitId)?.postsRequireApproval ?? false);

  const selectedChannels = channels.filter((channel) => channelIds.includes(channel.id));
  const toWebsite = selectedChannels.some((channel) => channel.kind === "website");

  const save = useAction(async (then: Then) => {
    const body = {
      unitId,
      title: content.title,
      body: content.body,
      link: content.link.trim() || null,
      xLinkPlacement: content.xLinkPlacement,
      hashtags: content.hashtags,
      mediaIds: content.media.map((media) => media.id),
      channelIds,
      overrides: Object.fromEntries(
        Object.entries(content.overrides).filter(([channelId]) => channelIds.includes(channelId)),
      ),
      scheduledAt: schedule ? fromWallClock(schedule, timeZone) : null,
      siteUnitId: toWebsite ? siteUnitId : null,
      sertaMerta,
    };
    const saved = postId ? await postsApi.update(postId, body) : await postsApi.create(body);
    setPostId(saved.id); // a failed submit must not create the post a second time
    return then === "submit" ? postsApi.submit(saved.id) : saved;
  });

  const problems = contentProblems(selectedChannels, content, language);
  const fromServer = serverProblems(save.error);
  const problemAt = (...fields: string[]) =>
    fields.flatMap((field) => [...(problems[field] ?? []), ...(fromServer[field] ?? [])]).join(" ") || undefined;
  const hasProblems = Object.keys(problems).length > 0;

  const edit = (change: Partial<PostContent>) => {
    save.clearError(); // the server's objections were about the previous version
    setContent((current) => ({ ...current, ...change }));
  };
  const setOverride = (channelId: string, text: string | undefined) => {
    const overrides = { ...content.overrides };
    if (text === undefined) delete overrides[channelId];
    else overrides[channelId] = text;
    edit({ overrides });
  };

  const run = async (then: Then) => {
    const saved = await save.run(then);
    if (!saved) return;
    if (then === "submit") navigate(`/posts/${saved.id}`);
    else navigate(`/posts/${saved.id}/edit`, { replace: true, state: { saved: true } });
  };

  return (
    <form
      className="composer"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void run("submit");
      }}
    >
      <div className="form composer__fields">
        {(location.state as { saved?: boolean } | null)?.saved && !save.error && <Notice>{t("compose.saved")}</Notice>}
        <SelectField
          label={t("compose.unit")}
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          error={problemAt("unitId")}
        >
          {unitChoices.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </SelectField>
        <PostContentFields content={content} edit={edit} problemAt={problemAt} />
        <MediaPicker
          unitId={unitId}
          media={content.media}
          onChange={(media) => edit({ media })}
          error={problemAt("media", "mediaIds")}
        />
        <ChannelPicker
          channels={channels}
          selected={channelIds}
          onChange={setChannelIds}
          error={problemAt("channelIds")}
        />
        {content.link.trim() && selectedChannels.find((channel) => channel.kind === "x") && (
          <XLinkPlacementField
            channel={selectedChannels.find((channel) => channel.kind === "x")!}
            content={content}
            onChange={(xLinkPlacement) => edit({ xLinkPlacement })}
          />
        )}
        {toWebsite && <SitePicker value={siteUnitId} onChange={setSiteUnitId} error={problemAt("siteUnitId")} />}
        {selectedChannels.length > 0 && (
          <FieldGroup legend={t("compose.overrides")} hint={t("compose.overridesHint")}>
            {selectedChannels.map((channel) => {
              const channelName = `${CHANNEL_KIND_NAMES[channel.kind]} · ${channel.name}`;
              const override = content.overrides[channel.id];
              return (
                <div key={channel.id} className="override">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={override !== undefined}
                      onChange={(e) => setOverride(channel.id, e.target.checked ? content.body : undefined)}
                    />
                    {t("compose.useOverride", { channel: channelName })}
                  </label>
                  {override !== undefined && (
                    <TextAreaField
                      label={t("compose.overrideLabel", { channel: channelName })}
                      rows={4}
                      value={override}
                      onChange={(e) => setOverride(channel.id, e.target.value)}
                      error={problemAt(`override.${channel.id}`)}
                    />
                  )}
                </div>
              );
            })}
          </FieldGroup>
        )}
        <FieldGroup legend={t("compose.sertaMerta")} hint={t("compose.sertaMertaHint")} error={problemAt("sertaMerta")}>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={sertaMerta}
              onChange={(e) => setSertaMerta(e.target.checked)}
              data-testid="compose-serta-merta"
            />
            {t("compose.sertaMerta")}
          </label>
        </FieldGroup>
        <FieldGroup legend={t("compose.schedule")} error={problemAt("scheduledAt")}>
          <label className="checkbox">
            <input type="radio" name="schedule" checked={schedule === null} onChange={() => setSchedule(null)} />
            {t(needsApproval ? "compose.asap" : "compose.asapDirect")}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="schedule"
              checked={schedule !== null}
              onChange={() => setSchedule(tomorrowMorning())}
            />
            {t("compose.at")}
          </label>
          {schedule && (
            <ZonedDateTimeField
              legend={t("compose.when")}
              timeZone={timeZone}
              value={schedule}
              onChange={setSchedule}
            />
          )}
        </FieldGroup>
        {needsApproval && <p className="muted">{t("compose.approvalNote")}</p>}
        <ErrorAlert error={save.error} />
        {hasProblems && <p className="field__error">{t("compose.fixProblems")}</p>}
        <div className="actions">
          <button
            type="button"
            className="button--secondary"
            disabled={save.busy || !unitId}
            onClick={() => void run("saveDraft")}
          >
            {t("compose.saveDraft")}
          </button>
          <button type="submit" disabled={save.busy || hasProblems || !unitId}>
            {t(submitLabelKey(needsApproval, schedule !== null))}
          </button>
        </div>
      </div>
      <ComposerPreviews channels={selectedChannels} content={content} />
    </form>
  );
}

function ComposerPreviews({ channels, content }: { channels: readonly PublishingChannel[]; content: PostContent }) {
  const { t } = useI18n();
  return (
    <section className="composer__previews" aria-labelledby="previews-title">
      <h2 id="previews-title">{t("preview.title")}</h2>
      {channels.length === 0 ? (
        <p className="muted">{t("preview.none")}</p>
      ) : (
        <PreviewList channels={channels} content={content} />
      )}
    </section>
  );
}
