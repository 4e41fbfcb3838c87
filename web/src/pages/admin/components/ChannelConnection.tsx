import type { Channel } from "@web/api/types";
import { useI18n } from "@web/i18n";

/**
 * What a Facebook or Instagram channel needs beyond a working token: its Page subscribed to the
 * app's webhooks (else comments arrive by polling only), and the permissions it was not granted,
 * each with what stops working.
 */
export function ChannelConnection({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  const { webhooks, permissions } = channel;
  if (!webhooks || !permissions) return null;
  return (
    <div className="channel-connection">
      {webhooks.status === "subscribed" && (
        <p className="muted" data-testid="channel-webhooks">
          {t("channels.webhooksSubscribed", { fields: webhooks.fields.join(", ") })}
        </p>
      )}
      {webhooks.status === "unsubscribed" && (
        <p className="muted" data-testid="channel-webhooks">
          {t("channels.webhooksUnsubscribed")}
        </p>
      )}
      {webhooks.status === "failed" && (
        <p className="alert alert--error" data-testid="channel-webhooks">
          {t("channels.webhooksFailed", { error: webhooks.error ?? "" })}
        </p>
      )}
      {permissions.checkedAt === null ? (
        <p className="muted">{t("channels.permissionsUnchecked")}</p>
      ) : (
        permissions.missing.length > 0 && (
          <div className="alert alert--error" data-testid="channel-missing-permissions">
            <strong>{t("channels.permissionsMissing")}</strong>
            <ul>
              {permissions.missing.map((missing) => (
                <li key={missing.permission}>
                  {missing.use} (<code>{missing.permission}</code>)
                </li>
              ))}
            </ul>
          </div>
        )
      )}
    </div>
  );
}
