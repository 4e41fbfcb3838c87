import { Fragment } from "react";

// Web addresses in a citizen's text; trailing punctuation belongs to the sentence, not the link.
const URL_PATTERN = /(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]])/g;

/** An http(s) address safe to link to, or null (javascript:, data: and the like never become links). */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A link out of Siar to an address a citizen wrote: no referrer, no ranking credit, no access to this tab. */
export function ExternalLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="nofollow noopener noreferrer">
      {children}
    </a>
  );
}

/**
 * The citizen's text as written, rendered as text (React escapes it; never as HTML), line
 * breaks kept, with only http(s) addresses made into links.
 */
export function CitizenText({ text }: { text: string }) {
  return (
    <p className="citizen-text" data-testid="citizen-text">
      {text.split(URL_PATTERN).map((part, index) => {
        const href = index % 2 === 1 ? safeHref(part) : null;
        return href ? (
          <ExternalLink key={index} href={href}>
            {part}
          </ExternalLink>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        );
      })}
    </p>
  );
}
