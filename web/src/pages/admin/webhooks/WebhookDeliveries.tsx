import { api } from "@web/api/client";
import type { WebhookDelivery, WebhookEndpoint } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ListTable } from "@web/components/ListTable";
import { useAction } from "@web/hooks/useAction";
import { useCursorList } from "@web/hooks/useCursorList";
import { useI18n } from "@web/i18n";
import { DELIVERY_STATUS_LABELS, WEBHOOK_EVENT_LABELS } from "./labels";

const PAGE_SIZE = 50;

/** An endpoint's deliveries, newest first: what was sent, how it went, when it is tried next; a finished one can be sent again. */
export function WebhookDeliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, formatDateTime } = useI18n();
  const deliveries = useCursorList<WebhookDelivery>(`/webhook-endpoints/${endpoint.id}/deliveries`, {
    limit: PAGE_SIZE,
  });
  const replay = useAction(async (delivery: WebhookDelivery) =>
    deliveries.replace(
      await api.post<WebhookDelivery>(`/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/replay`),
    ),
  );
  const time = (at: string | null) => (at ? <time dateTime={at}>{formatDateTime(at)}</time> : "—");
  return (
    <section aria-labelledby="webhook-deliveries-title" data-testid="webhook-deliveries">
      <h2 id="webhook-deliveries-title">{t("webhooks.deliveriesOf", { url: endpoint.url })}</h2>
      <ErrorAlert error={replay.error} />
      <ListTable
        list={deliveries}
        caption={t("webhooks.deliveries")}
        emptyText={t("webhooks.noDeliveries")}
        columns={[
          t("webhooks.deliveryTime"),
          t("webhooks.deliveryEvent"),
          t("common.status"),
          t("webhooks.deliveryAttempts"),
          t("webhooks.deliveryResponse"),
          t("webhooks.deliveryNext"),
          t("common.actions"),
        ]}
        row={(delivery) => (
          <tr data-testid="webhook-delivery">
            <td>{time(delivery.createdAt)}</td>
            <td>
              {t(WEBHOOK_EVENT_LABELS[delivery.eventType])}
              <div className="muted">
                <code>{delivery.eventType}</code>
              </div>
            </td>
            <td>{t(DELIVERY_STATUS_LABELS[delivery.status])}</td>
            <td>{delivery.attempts}</td>
            <td>
              {delivery.lastStatusCode ?? "—"}
              {delivery.lastError && <div className="muted">{delivery.lastError}</div>}
            </td>
            <td>{time(delivery.nextAttemptAt)}</td>
            <td>
              {delivery.status !== "pending" && (
                <button
                  type="button"
                  className="button--secondary"
                  disabled={replay.busy}
                  onClick={() => void replay.run(delivery)}
                >
                  {t("webhooks.replay")}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
