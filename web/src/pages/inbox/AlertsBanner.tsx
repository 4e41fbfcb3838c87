import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { api, ApiError } from "../../api/client";
import type { InboxCategory } from "../../api/types";
import { useI18n } from "../../i18n";
import { RealtimeContext } from "../../realtime/RealtimeContext";
import { TimeAgo } from "./InboxBadges";
import { CATEGORY_LABELS } from "./labels";
import { useNow } from "./useNow";

/** An early warning as GET /api/alerts returns it. */
type Alert = {
  id: string;
  category: InboxCategory;
  place: { id: string; name: string } | null;
  unit: { id: string; name: string } | null;
  count: number;
  baseline: number;
  status: "open" | "acknowledged" | "resolved";
  raisedAt: string;
  acknowledgedBy: { id: string; name: string } | null;
  items: string[];
  permissions: { acknowledge: boolean; resolve: boolean };
};

/** Open and acknowledged early warnings above the inbox list, kept live by "inbox.alert". */
export function AlertsBanner() {
  const { t, intlLocale } = useI18n();
  const socket = useContext(RealtimeContext);
  const now = useNow();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [error, setError] = useState<string | null>(null);

  const upsert = useCallback((alert: Alert) => {
    setAlerts((current) => {
      const others = current.filter((a) => a.id !== alert.id);
      return alert.status === "resolved"
        ? others
        : [alert, ...others].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    Promise.all(["open", "acknowledged"].map((status) => api.get<{ data: Alert[] }>("/alerts", { status })))
      .then(
        (pages) =>
          !cancelled &&
          setAlerts(pages.flatMap((page) => page.data).sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))),
      )
      .catch(() => {}); // Without alerts the inbox still works; a reload tries again.
    return () => {
      cancelled = true;
    };
  }, []);

  const latest = useRef(upsert);
  latest.current = upsert;
  useEffect(() => {
    if (!socket) return;
    const listener = ({ alert }: { alert: Alert }) => latest.current(alert);
    socket.on("inbox.alert", listener);
    return () => {
      socket.off("inbox.alert", listener);
    };
  }, [socket]);

  const act = async (alert: Alert, action: "acknowledge" | "resolve") => {
    setError(null);
    try {
      upsert(await api.post<Alert>(`/alerts/${alert.id}/${action}`));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };

  if (alerts.length === 0) return null;
  const usual = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 });
  return (
    <section className="alert alert--error" aria-live="polite" aria-label={t("alerts.title")}>
      <strong>{t("alerts.title")}</strong>
      {error && <p role="alert">{error}</p>}
      <ul>
        {alerts.map((alert) => (
          <li key={alert.id}>
            {t(CATEGORY_LABELS[alert.category])}
            {alert.place && ` · ${alert.place.name}`}
            {alert.unit && ` → ${alert.unit.name}`} ·{" "}
            {t("alerts.reports", { count: alert.count, usual: usual.format(alert.baseline) })} ·{" "}
            <TimeAgo iso={alert.raisedAt} now={now} />{" "}
            {alert.acknowledgedBy ? (
              <em>{t("alerts.seenBy", { name: alert.acknowledgedBy.name })}</em>
            ) : (
              alert.permissions.acknowledge && (
                <button type="button" className="button--secondary" onClick={() => void act(alert, "acknowledge")}>
                  {t("alerts.acknowledge")}
                </button>
              )
            )}{" "}
            {alert.permissions.resolve && (
              <button type="button" className="button--secondary" onClick={() => void act(alert, "resolve")}>
                {t("alerts.resolve")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
