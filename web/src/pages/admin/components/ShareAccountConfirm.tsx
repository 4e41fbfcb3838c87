import { ApiError } from "@web/api/client";
import { useI18n } from "@web/i18n";

/** The server's answer when another unit already has the account: the admin then decides. */
export function isConnectedElsewhere(error: unknown): boolean {
  return error instanceof ApiError && error.code === "channel_connected_elsewhere";
}

/** The admin's decision to connect an account another unit already has (shareAccount). */
export function ShareAccountConfirm({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  const { t } = useI18n();
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {t("channels.shareAccount")}
    </label>
  );
}
