import type { InboxItem } from "@web/api/types";
import { useI18n } from "@web/i18n";
import type { ItemWrite } from "@web/pages/inbox/hooks/useInboxItem";
import { StatusMoves } from "./ItemHandling";

/** Moves to the reply box and puts the cursor in it. */
function goToReply() {
  const box = document.querySelector<HTMLTextAreaElement>(".composer-box textarea");
  box?.scrollIntoView({ block: "center" });
  box?.focus();
}

/**
 * On a phone, the item's actions along the bottom of the screen, where a thumb reaches while the
 * same hand holds the phone: reply and the status moves. Wider screens have them in the page.
 */
export function ThumbBar({ item, write }: { item: InboxItem; write: ItemWrite }) {
  const { t } = useI18n();
  if (!item.permissions.handle) return null;
  return (
    <nav className="thumb-bar" aria-label={t("inboxItem.quickActions")} data-testid="thumb-bar">
      <button type="button" onClick={goToReply}>
        {t("inboxItem.reply")}
      </button>
      <StatusMoves item={item} write={write} className="thumb-bar__moves" />
    </nav>
  );
}
