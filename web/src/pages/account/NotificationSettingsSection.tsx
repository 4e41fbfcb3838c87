import { useEffect, useState } from "react";
import type { NotificationKind, NotificationSettings } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { loadSettings, saveSettings } from "@web/pages/notifications/api";

/** Each kind of notification on or off, in the app and (for what cannot wait) by e-mail; saved at each change. */
export function NotificationSettingsSection() {
  const { t } = useI18n();
  const settings = useLoad(loadSettings, []);
  // Shown as changed at once; the server's answer (or, on failure, a fresh read) then replaces it.
  const [kinds, setKinds] = useState<NotificationSettings["kinds"]>([]);
  useEffect(() => setKinds(settings.data?.kinds ?? []), [settings.data]);
  const save = useAction(async (next: NotificationSettings["kinds"]) => {
    setKinds(next);
    try {
      const saved = await saveSettings({
        notificationsOff: next.filter((row) => !row.inApp).map((row) => row.kind),
        emailsOff: next.filter((row) => row.email === false).map((row) => row.kind),
      });
      setKinds(saved.kinds);
    } catch (failure) {
      settings.reload();
      throw failure;
    }
  });
  const toggle = (kind: NotificationKind, channel: "inApp" | "email") =>
    void save.run(kinds.map((row) => (row.kind === kind ? { ...row, [channel]: !row[channel] } : row)));

  return (
    <section aria-labelledby="notification-settings-heading" className="panel">
      <h2 id="notification-settings-heading">{t("notifications.settingsTitle")}</h2>
      <p>{t("notifications.settingsIntro")}</p>
      <ErrorAlert error={settings.error ?? save.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t("notifications.settingsKind")}</th>
            <th scope="col">{t("notifications.inApp")}</th>
            <th scope="col">{t("notifications.email")}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((row) => (
            <tr key={row.kind}>
              <th scope="row">{t(`notifications.kindName.${row.kind}`)}</th>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t(`notifications.kindName.${row.kind}`)}: ${t("notifications.inApp")}`}
                  checked={row.inApp}
                  disabled={save.busy}
                  onChange={() => toggle(row.kind, "inApp")}
                />
              </td>
              <td>
                {row.email === null ? (
                  <span className="muted">—</span>
                ) : (
                  <input
                    type="checkbox"
                    aria-label={`${t(`notifications.kindName.${row.kind}`)}: ${t("notifications.email")}`}
                    checked={row.email}
                    disabled={save.busy}
                    onChange={() => toggle(row.kind, "email")}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
