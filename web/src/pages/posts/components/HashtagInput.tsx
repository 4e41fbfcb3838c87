import { useState, type KeyboardEvent } from "react";
import { TextField } from "@web/components/Field";
import { useI18n } from "@web/i18n";
import { normaliseHashtag } from "@web/publishing/channelRules";

const SEPARATORS = /[\s,]+/;

type HashtagInputProps = { label: string; tags: readonly string[]; onChange(tags: string[]): void; error?: string };

/** Hashtags typed or pasted separated by commas or spaces, shown as removable chips. */
export function HashtagInput({ label, tags, onChange, error }: HashtagInputProps) {
  const { t } = useI18n();
  const [pending, setPending] = useState("");

  const add = (text: string) => {
    const added = text.split(SEPARATORS).map(normaliseHashtag).filter(Boolean);
    const merged = [...tags];
    for (const tag of added)
      if (!merged.some((existing) => existing.toLowerCase() === tag.toLowerCase())) merged.push(tag);
    if (merged.length !== tags.length) onChange(merged);
  };

  // Everything before the last separator becomes chips; the rest is still being typed.
  const type = (value: string) => {
    const pieces = value.split(SEPARATORS);
    const last = pieces.pop() ?? "";
    if (pieces.length > 0) add(pieces.join(" "));
    setPending(last);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      add(pending);
      setPending("");
    } else if (event.key === "Backspace" && pending === "" && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className="hashtags">
      {tags.length > 0 && (
        <ul className="chips" aria-label={label}>
          {tags.map((tag) => (
            <li key={tag} className="chip">
              #{tag}
              <button
                type="button"
                className="chip__remove"
                aria-label={t("compose.removeHashtag", { tag: `#${tag}` })}
                onClick={() => onChange(tags.filter((existing) => existing !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <TextField
        label={label}
        hint={t("compose.hashtagsHint")}
        error={error}
        value={pending}
        onChange={(e) => type(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          add(pending);
          setPending("");
        }}
      />
    </div>
  );
}
