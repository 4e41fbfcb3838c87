import { useState } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import type { WebhookEndpoint, WebhookEndpointWithSecret, WebhookEventType } from "@web/api/types";
import { FieldGroup, TextField } from "@web/components/Field";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { WEBHOOK_EVENT_LABELS } from "./labels";

type Props = {
  endpoint?: WebhookEndpoint;
  eventTypes: readonly WebhookEventType[];
  /** A new endpoint comes back with its secret, to be shown once. */
  onSaved(saved: WebhookEndpoint | WebhookEndpointWithSecret): void;
  onCancel(): void;
};

/** Registers a receiver or changes its address, description and events. */
export function WebhookEndpointForm({ endpoint, eventTypes, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const [url, setUrl] = useState(endpoint?.url ?? "https://");
  const [description, setDescription] = useState(endpoint?.description ?? "");
  const [events, setEvents] = useState<WebhookEventType[]>(endpoint?.events ?? []);
  const save = useAction((body: object) =>
    endpoint
      ? api.patch<WebhookEndpoint>(`/webhook-endpoints/${endpoint.id}`, body)
      : api.post<WebhookEndpointWithSecret>("/webhook-endpoints", body),
  );
  const errors = fieldErrorsOf(save.error);
  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents(on ? [...events, type] : events.filter((existing) => existing !== type));

  const submit = async () => {
    const saved = await save.run({ url, description, events });
    if (saved) onSaved(saved);
  };

  return (
    <PanelForm
      title={endpoint ? t("webhooks.editNamed", { url: endpoint.url }) : t("webhooks.new")}
      error={save.error}
      busy={save.busy}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <TextField
        label={t("webhooks.url")}
        hint={t("webhooks.urlHint")}
        type="url"
        required
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={errors.url}
      />
      <TextField
        label={t("webhooks.description")}
        value={description}
        maxLength={500}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.description}
      />
      <FieldGroup legend={t("webhooks.events")} error={errors.events} className="checklist">
        <div className="checklist__options">
          {eventTypes.map((type) => (
            <label key={type}>
              <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
              {t(WEBHOOK_EVENT_LABELS[type])} <code>{type}</code>
            </label>
          ))}
        </div>
      </FieldGroup>
    </PanelForm>
  );
}
