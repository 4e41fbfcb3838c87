import type { PublishingChannel } from "@server/channels/rules";
import type { Media } from "@web/api/types";
import { CHANNEL_KIND_NAMES } from "@web/components/labels";
import { useI18n } from "@web/i18n";
import { channelLength, channelText, type PostContent, type TargetChannel } from "@web/publishing/channelRules";

// How many images each platform shows in a post's card; Instagram shows the first, cropped square-ish.
const IMAGES_SHOWN: Record<PublishingChannel, number> = { website: 1, wordpress: 1, facebook: 4, instagram: 1, x: 4 };
// Channels whose card shows the title above the text (the web pages); social posts have none.
const SHOWS_TITLE: Record<PublishingChannel, boolean> = {
  website: true,
  wordpress: true,
  facebook: false,
  instagram: false,
  x: false,
};

type PreviewChannel = TargetChannel & { name: string };

/** One preview card per channel, as the composer and the post page show them. */
export function PreviewList({ channels, content }: { channels: readonly PreviewChannel[]; content: PostContent }) {
  return (
    <div className="previews">
      {channels.map((channel) => (
        <ChannelPreview key={channel.id} channel={channel} content={content} />
      ))}
    </div>
  );
}

/** A card looking roughly like the post on its platform, with the channel's text count against its limit. */
function ChannelPreview({ channel, content }: { channel: PreviewChannel; content: PostContent }) {
  const { t } = useI18n();
  const text = channelText(channel, content);
  const { length, max } = channelLength(channel, content);
  const over = length > max;
  const platform = CHANNEL_KIND_NAMES[channel.kind];
  return (
    <article
      className={`preview preview--${channel.kind}`}
      aria-label={t("preview.label", { channel: `${platform} · ${channel.name}` })}
      data-testid={`preview-${channel.kind}`}
    >
      <header className="preview__header">
        <span className="preview__platform">{platform}</span>
        <span className="preview__account">{channel.name}</span>
        <span
          className={over ? "preview__counter preview__counter--over" : "preview__counter"}
          data-testid={`counter-${channel.kind}`}
        >
          <span aria-hidden="true">
            {length}/{max}
          </span>
          <span className="visually-hidden">
            {t(over ? "preview.counterOver" : "preview.counter", { length, max })}
          </span>
        </span>
      </header>
      {SHOWS_TITLE[channel.kind] && <h3 className="preview__title">{content.title}</h3>}
      {channel.kind === "instagram" && <PreviewMedia media={content.media.slice(0, IMAGES_SHOWN.instagram)} />}
      <p className="preview__text">
        <LinkifiedText text={text} />
      </p>
      {channel.kind !== "instagram" && <PreviewMedia media={content.media.slice(0, IMAGES_SHOWN[channel.kind])} />}
    </article>
  );
}

function PreviewMedia({ media }: { media: readonly Media[] }) {
  if (media.length === 0) return null;
  return (
    <div className={`preview__media preview__media--${Math.min(media.length, 4)}`}>
      {media.map((item) =>
        item.kind === "image" ? (
          <img key={item.id} src={item.url} alt="" />
        ) : (
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a preview video has no controls, so it takes no focus.
          <video key={item.id} src={item.url} muted preload="metadata" aria-hidden="true" />
        ),
      )}
    </div>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s]+)/g;

/** Text with its web addresses as links, the way the platforms show them; React escapes the rest. */
function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} target="_blank" rel="noreferrer noopener">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
