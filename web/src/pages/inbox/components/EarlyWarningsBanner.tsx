import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { api, ApiError } from "@web/api/client";
import type { EarlyWarning } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { RealtimeContext } from "@web/realtime/RealtimeContext";
import { TimeAgo } from "./InboxBadges";
import { CATEGORY_LABELS } from "@web/pages/inbox/labels";
import { useNow } from "@web/pages/inbox/hooks/useNow";

/** An early warning as GET /api/early-warnings returns it. */

/** Open and acknowledged early warnings above the inbox list, kept live by "inbox.earlyWarning". */
export function EarlyWarningsBanner() {
  const { t, intlLocale } = useI18n();
  const socket = useContext(RealtimeContext);
  const now = useNow();
  const [warnings, setWarnings] = useState<EarlyWarning[]>([]);
  const [error, setError] = useState<string | null>(null);

  const upsert = useCallback((warning: EarlyWarning) => {
    setWarnings((current) => {
      const others = current.filter((a) => a.id !== warning.id);
      return warning.status === "resolved"
        ? others
        : [warning, ...others].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    Promise.all(
      ["open", "acknowledged"].map((status) => api.get<{ data: EarlyWarning[] }>("/early-warnings", { status })),
    )
      .then(
        (pages) =>
          !cancelled &&
          setWarnings(pages.flatMap((page) => page.data).sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))),
      )
      .catch(() => {}); // Without warnings the inbox still works; a reload tries again.
    return () => {
      cancelled = true;
    };
  }, []);

  const latest = useRef(upsert);
  latest.current = upsert;
  useEffect(() => {
    if (!socket) return;
    const listener = ({ warning }: { warning: EarlyWarning }) => latest.current(warning);
    socket.on("inbox.earlyWarning", listener);
    return () => {
      socket.off("inbox.earlyWarning", listener);
    };
  }, [socket]);

  const act = async (warning: EarlyWarning, action: "acknowledge" | "resolve") => {
    setError(null);
    try {
      upsert(await api.post<EarlyWarning>(`/early-warnings/${warning.id}/${action}`));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };

  if (warnings.length === 0) return null;
  const usual = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 });
  return (
    <section className="alert alert--error" aria-live="polite" aria-label={t("earlyWarnings.title")}>
      <strong>{t("earlyWarnings.title")}</strong>
      {error && <p role="alert">{error}</p>}
      <ul>
        {warnings.map((warning) => (
          <li key={warning.id}>
            {t(CATEGORY_LABELS[warning.category])}
            {warning.place && ` · ${warning.place.name}`}
            {warning.unit && ` → ${warning.unit.name}`} ·{" "}
            {t("earlyWarnings.reports", { count: warning.count, usual: usual.format(warning.baseline) })} ·{" "}
            <TimeAgo iso={warning.raisedAt} now={now} />{" "}
            {warning.acknowledgedBy ? (
              <em>{t("earlyWarnings.seenBy", { name: warning.acknowledgedBy.name })}</em>
            ) : (
              warning.permissions.acknowledge && (
                <button type="button" className="button--secondary" onClick={() => void act(warning, "acknowledge")}>
                  {t("earlyWarnings.acknowledge")}
                </button>
              )
            )}{" "}
            {warning.permissions.resolve && (
              <button type="button" className="button--secondary" onClick={() => void act(warning, "resolve")}>
                {t("earlyWarnings.resolve")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
