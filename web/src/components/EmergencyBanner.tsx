import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "@web/api/client";
import type { InboxItem, Page } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { firstLine } from "@web/pages/inbox/lifecycle";
import { useSocketEvent } from "@web/realtime/RealtimeContext";

const SHOWN = 3;

/**
 * Emergencies first: the open darurat items this user may see, on every page, from the inbox's
 * pinned items at sign-in and from "inbox.emergency" as they arrive. Dismissing hides the ones
 * shown; a new emergency brings the banner back.
 */
export function EmergencyBanner() {
  const { t } = useI18n();
  const [items, setItems] = useState<InboxItem[]>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let cancelled = false;
    api
      .get<Page<InboxItem>>("/inbox", { view: "all", urgency: "darurat", limit: 1 })
      .then((page) => !cancelled && setItems(page.data.filter((item) => item.pinned)))
      .catch(() => {}); // The inbox itself shows them too; a reload tries again.
    return () => {
      cancelled = true;
    };
  }, []);

  useSocketEvent<{ item: InboxItem }>("inbox.emergency", ({ item }) =>
    setItems((current) => [item, ...current.filter((other) => other.id !== item.id)]),
  );
  useSocketEvent<{ item: InboxItem }>("inbox.item.updated", ({ item }) =>
    setItems((current) =>
      item.pinned
        ? current.map((other) => (other.id === item.id ? item : other))
        : current.filter((other) => other.id !== item.id),
    ),
  );

  const shown = items.filter((item) => !dismissed.has(item.id));
  if (shown.length === 0) return null;
  return (
    <section className="alert alert--error emergency-banner" role="alert" data-testid="emergency-banner">
      <strong>{t("emergency.title", { count: shown.length })}</strong>
      <ul>
        {shown.slice(0, SHOWN).map((item) => (
          <li key={item.id}>
            <Link to={`/inbox/${item.id}`}>{firstLine(item.text)}</Link>
            {item.place?.name && <span className="muted"> · {item.place.name}</span>}
            {item.unit && <span className="muted"> · {item.unit.name}</span>}
          </li>
        ))}
      </ul>
      {shown.length > SHOWN && <Link to="/inbox/urgent">{t("emergency.more", { count: shown.length - SHOWN })}</Link>}
      <button
        type="button"
        className="button--secondary"
        onClick={() => setDismissed((current) => new Set([...current, ...shown.map((item) => item.id)]))}
      >
        {t("emergency.dismiss")}
      </button>
    </section>
  );
}
