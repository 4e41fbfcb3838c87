import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "@web/api/client";
import type { WebhookEndpoint, WebhookEndpointWithSecret, WebhookEventType } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { ListTable } from "@web/components/ListTable";
import { OneTimeSecret } from "@web/components/OneTimeSecret";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { AdminListPage, EditButton, useEditing } from "./components/AdminList";
import { WEBHOOK_EVENT_LABELS } from "./webhooks/labels";
import { WebhookDeliveries } from "./webhooks/WebhookDeliveries";
import { WebhookEndpointForm } from "./webhooks/WebhookEndpointForm";

type Listing = { data: WebhookEndpoint[]; eventTypes: WebhookEventType[] };

/**
 * Outgoing webhooks (admins): the receivers of Siar's events, each secret shown once when made or
 * rotated, switched on and off, and each receiver's delivery log with replay. ?endpoint=<id>
 * opens one's log (the notification of an endpoint turned off links here).
 */
export function WebhooksPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const listing = useLoad(() => api.get<Listing>("/webhook-endpoints"), []);
  const endpoints = listing.data?.data ?? [];
  const editor = useEditing<WebhookEndpoint>();
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const shown = endpoints.find((endpoint) => endpoint.id === params.get("endpoint"));

  const act = useAction(async (endpoint: WebhookEndpoint, action: "enable" | "disable" | "rotate" | "delete") => {
    if (action === "rotate") {
      const rotated = await api.post<WebhookEndpointWithSecret>(`/webhook-endpoints/${endpoint.id}/rotate-secret`);
      setSecret({ title: t("webhooks.rotatedFor", { url: endpoint.url }), value: rotated.secret });
    } else if (action === "delete") {
      await api.delete(`/webhook-endpoints/${endpoint.id}`);
    } else {
      await api.patch(`/webhook-endpoints/${endpoint.id}`, { enabled: action === "enable" });
    }
    listing.reload();
  });

  const saved = (endpoint: WebhookEndpoint | WebhookEndpointWithSecret) => {
    editor.close();
    if ("secret" in endpoint)
      setSecret({ title: t("webhooks.createdFor", { url: endpoint.url }), value: endpoint.secret });
    listing.reload();
  };

  return (
    <AdminListPage
      title={t("admin.webhooks")}
      newLabel={t("webhooks.new")}
      editor={editor}
      notice={
        <>
          <p>{t("webhooks.intro")}</p>
          {secret && <OneTimeSecret title={secret.title} value={secret.value} onDismiss={() => setSecret(null)} />}
        </>
      }
      form={(endpoint) => (
        <WebhookEndpointForm
          endpoint={endpoint}
          eventTypes={listing.data?.eventTypes ?? []}
          onSaved={saved}
          onCancel={editor.close}
        />
      )}
    >
      <ErrorAlert error={act.error} />
      <ListTable
        list={{ items: endpoints, loading: listing.loading, error: listing.error }}
        caption={t("admin.webhooks")}
        emptyText={t("webhooks.none")}
        columns={[t("webhooks.url"), t("webhooks.events"), t("common.status"), t("common.actions")]}
        row={(endpoint) => (
          <tr className={endpoint.enabled ? undefined : "row--inactive"} data-testid="webhook-endpoint">
            <th scope="row">
              <code>{endpoint.url}</code>
              {endpoint.description && <div className="muted">{endpoint.description}</div>}
            </th>
            <td>{endpoint.events.map((type) => t(WEBHOOK_EVENT_LABELS[type])).join(", ")}</td>
            <td>
              {endpoint.enabled
                ? t("common.active")
                : endpoint.disabledReason === "failing"
                  ? t("webhooks.disabledFailing")
                  : t("common.inactive")}
              {endpoint.consecutiveFailures > 0 && (
                <div className="muted">{t("webhooks.failures", { count: endpoint.consecutiveFailures })}</div>
              )}
            </td>
            <td>
              <div className="row-actions">
                <button
                  type="button"
                  className="button--secondary"
                  onClick={() => setParams({ endpoint: endpoint.id })}
                >
                  {t("webhooks.deliveries")}
                </button>
                <EditButton
                  label={t("webhooks.editNamed", { url: endpoint.url })}
                  onEdit={() => editor.edit(endpoint)}
                />
                <button
                  type="button"
                  className="button--secondary"
                  disabled={act.busy}
                  onClick={() => void act.run(endpoint, endpoint.enabled ? "disable" : "enable")}
                >
                  {endpoint.enabled ? t("webhooks.disable") : t("webhooks.enable")}
                </button>
                <ConfirmButton
                  label={t("webhooks.rotate")}
                  confirmLabel={t("webhooks.confirmRotate", { url: endpoint.url })}
                  busy={act.busy}
                  onConfirm={() => void act.run(endpoint, "rotate")}
                />
                <ConfirmButton
                  label={t("webhooks.delete")}
                  confirmLabel={t("webhooks.confirmDelete", { url: endpoint.url })}
                  busy={act.busy}
                  onConfirm={() => void act.run(endpoint, "delete")}
                />
              </div>
            </td>
          </tr>
        )}
      />
      {shown && <WebhookDeliveries key={shown.id} endpoint={shown} />}
    </AdminListPage>
  );
}
