import { useId, useState, type FormEvent } from "react";
import { TEMPLATE_PARAMETERS, placeholderCount } from "@server/channels/whatsappTemplateText";
import type { ApprovedWhatsAppTemplate, WhatsAppTemplate } from "@web/api/types";
import { api } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";

type Listed = WhatsAppTemplate;
type Approved = ApprovedWhatsAppTemplate;
const keyOf = (template: { name: string; language: string }) => `${template.name}:${template.language}`;

/** The templates staff may send a WhatsApp number's citizens outside the service window, and what fills each {{n}}. */
export function WhatsAppTemplates({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const titleId = useId();
  const base = `/channels/${channelId}/whatsapp-templates`;
  const listed = useLoad(async () => (await api.get<{ data: Listed[] }>(base)).data, [base]);
  const approved = useLoad(async () => (await api.get<{ data: Approved[] }>(`${base}/approved`)).data, [base]);
  const [chosen, setChosen] = useState("");
  const [parameters, setParameters] = useState<string[]>([]);
  const template = approved.data?.find((candidate) => keyOf(candidate) === chosen);
  const add = useAction(async (event: FormEvent) => {
    event.preventDefault();
    if (!template) return;
    await api.post(base, { name: template.name, language: template.language, parameters });
    setChosen("");
    listed.reload();
  });
  const remove = useAction(async (id: string) => {
    await api.delete(`${base}/${id}`);
    listed.reload();
  });
  const choose = (key: string) => {
    setChosen(key);
    const body = approved.data?.find((candidate) => keyOf(candidate) === key)?.body ?? "";
    setParameters(Array.from({ length: placeholderCount(body) }, () => "reply_text"));
  };
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{t("channels.whatsappTemplates")}</h3>
      <p className="muted">{t("channels.whatsappTemplatesHint")}</p>
      <ErrorAlert error={listed.error ?? approved.error ?? add.error ?? remove.error} />
      <ul data-testid="whatsapp-templates">
        {(listed.data ?? []).map((row) => (
          <li key={row.id}>
            <strong>
              {row.name} ({row.language})
            </strong>{" "}
            <span className="muted">{row.body}</span>{" "}
            <button type="button" className="button--secondary" onClick={() => void remove.run(row.id)}>
              {t("channels.whatsappRemove")}
            </button>
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={(event) => void add.run(event)}>
        <SelectField label={t("channels.whatsappApproved")} value={chosen} onChange={(e) => choose(e.target.value)}>
          <option value="">—</option>
          {(approved.data ?? []).map((candidate) => (
            <option key={keyOf(candidate)} value={keyOf(candidate)}>
              {candidate.name} ({candidate.language}) — {candidate.body}
            </option>
          ))}
        </SelectField>
        {parameters.map((parameter, index) => (
          <SelectField
            // A template's parameters are its positions {{1}}, {{2}}…
            key={`parameter-${index + 1}`}
            label={t("channels.whatsappParameter", { n: index + 1 })}
            value={parameter}
            onChange={(e) => setParameters(parameters.map((old, i) => (i === index ? e.target.value : old)))}
          >
            {TEMPLATE_PARAMETERS.map((option) => (
              <option key={option} value={option}>
                {t(`whatsappParameter.${option}`)}
              </option>
            ))}
          </SelectField>
        ))}
        <button type="submit" disabled={!template || add.busy}>
          {t("channels.whatsappAdd")}
        </button>
      </form>
    </section>
  );
}
