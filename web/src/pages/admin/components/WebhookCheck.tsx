import { useState } from "react";
import type { Schemas } from "@web/api/types";
import { api } from "@web/api/client";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";

type WebhookSetup = Schemas["MetaWebhookSetup"];
type WebhookTestResult = Schemas["MetaWebhookTest"];

/**
 * Where Meta's webhooks reach Siar, a warning when that is not HTTPS (Meta calls only HTTPS with a
 * valid certificate), and "test the webhook": a signed test event sent to that address, shown arriving.
 */
export function WebhookCheck() {
  const { t } = useI18n();
  const setup = useLoad(() => api.get<WebhookSetup>("/channels/webhooks"), []);
  const [result, setResult] = useState<WebhookTestResult | null>(null);
  const test = useAction(async () => setResult(await api.post<WebhookTestResult>("/channels/webhooks/test")));
  if (!setup.data) return <ErrorAlert error={setup.error} />;
  const { callbackUrl, https, configured } = setup.data;
  return (
    <section className="panel" aria-labelledby="webhook-check-title">
      <h2 id="webhook-check-title">{t("channels.webhookTitle")}</h2>
      <p>
        {t("channels.webhookCallback")} <code>{callbackUrl}</code>
      </p>
      {!https && (
        <p className="alert alert--error" data-testid="https-warning">
          {t("channels.notHttps")}
        </p>
      )}
      {configured ? (
        <button type="button" className="button--secondary" disabled={test.busy} onClick={() => void test.run()}>
          {t("channels.webhookTest")}
        </button>
      ) : (
        <p className="muted">{t("channels.webhookNotConfigured")}</p>
      )}
      <ErrorAlert error={test.error} />
      {result &&
        (result.arrived ? (
          <Notice>
            <span data-testid="webhook-test-result">
              {t("channels.webhookArrived", { ms: result.elapsedMs, status: result.status ?? "" })}
            </span>
          </Notice>
        ) : (
          <p className="alert alert--error" data-testid="webhook-test-result">
            {t("channels.webhookLost", { reason: result.error ?? `HTTP ${result.status}` })}
          </p>
        ))}
    </section>
  );
}
