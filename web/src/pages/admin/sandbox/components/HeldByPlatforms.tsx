import { useI18n } from "@web/i18n";
import type { Held } from "../api";

const SHOWN = 10;

/** The newest posts each simulated platform holds, as a reader of that platform would find them. */
export function HeldByPlatforms({ held }: { held: Held }) {
  const { t, formatDateTime } = useI18n();
  const lists: { name: string; items: { id: string; text: string; at?: string }[] }[] = [
    {
      name: "Facebook",
      items: held.facebook.posts.map((post) => ({ id: post.id, text: post.message ?? "", at: post.createdTime })),
    },
    {
      name: "Instagram",
      items: held.instagram.media.map((media) => ({ id: media.id, text: media.caption ?? "", at: media.timestamp })),
    },
    { name: "X", items: held.x.tweets.map((tweet) => ({ id: tweet.id, text: tweet.text, at: tweet.createdAt })) },
    {
      name: "WordPress",
      items: held.wordpress.posts.map((post) => ({ id: String(post.id), text: post.title, at: post.dateGmt })),
    },
  ];
  return (
    <div className="sandbox-held">
      {lists.map(({ name, items }) => (
        <section key={name} aria-label={name} data-testid={`held-${name.toLowerCase()}`}>
          <h3>{t("sandbox.heldCount", { platform: name, count: items.length })}</h3>
          <ul>
            {[...items]
              .sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""))
              .slice(0, SHOWN)
              .map((item) => (
                <li key={item.id}>
                  {item.at && <span className="muted">{formatDateTime(item.at)} · </span>}
                  {item.text.slice(0, 200) || "—"}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
