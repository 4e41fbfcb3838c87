import { TextAreaField, TextField } from "@web/components/Field";
import { useI18n } from "@web/i18n";
import type { PostContent } from "@web/publishing/channelRules";
import { HashtagInput } from "./HashtagInput";

/** The words of a post (title, body, link, hashtags): the composer's and a published post's correction alike. */
export function PostContentFields({
  content,
  edit,
  problemAt,
  autoFocus,
}: {
  content: PostContent;
  edit(change: Partial<PostContent>): void;
  problemAt(field: string): string | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t("compose.postTitle")}
        required
        maxLength={200}
        autoFocus={autoFocus}
        value={content.title}
        onChange={(e) => edit({ title: e.target.value })}
        error={problemAt("title")}
      />
      <TextAreaField
        label={t("compose.body")}
        required
        rows={8}
        value={content.body}
        onChange={(e) => edit({ body: e.target.value })}
        error={problemAt("body")}
      />
      <TextField
        label={t("compose.link")}
        hint={t("compose.linkHint")}
        type="url"
        inputMode="url"
        value={content.link}
        onChange={(e) => edit({ link: e.target.value })}
        error={problemAt("link")}
      />
      <HashtagInput
        label={t("compose.hashtags")}
        tags={content.hashtags}
        onChange={(hashtags) => edit({ hashtags })}
        error={problemAt("hashtags")}
      />
    </>
  );
}
