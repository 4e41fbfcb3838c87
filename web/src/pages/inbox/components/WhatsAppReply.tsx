import { renderTemplate, templateValues } from "@server/channels/whatsappTemplateText";
import type { InboxItem, WhatsAppReplyOptions } from "@web/api/types";
import { SelectField } from "@web/components/Field";
import { useI18n } from "@web/i18n";

/**
 * A WhatsApp reply's form: free text while the 24-hour service window is open, otherwise one of
 * the templates admins listed; says which is possible and why, and previews what the citizen gets.
 */
export function WhatsAppReplyChoice({
  item,
  options,
  templateId,
  onTemplate,
  text,
}: {
  item: InboxItem;
  options: WhatsAppReplyOptions;
  templateId: string;
  onTemplate(id: string): void;
  text: string;
}) {
  const { t, formatDateTime } = useI18n();
  const template = options.templates.find((candidate) => candidate.id === templateId);
  const values = template
    ? templateValues(template, { id: item.id, trackingNumber: item.trackingNumber, authorName: item.author.name }, text)
    : [];
  return (
    <div className="whatsapp-reply" data-testid="whatsapp-reply">
      <p className={options.windowOpen ? "muted" : "alert alert--info"} role="status">
        {options.windowOpen
          ? t("composer.whatsapp.windowOpen", { time: formatDateTime(options.windowClosesAt!) })
          : t("composer.whatsapp.windowClosed")}
      </p>
      {options.templates.length === 0 && !options.windowOpen && <p>{t("composer.whatsapp.noTemplates")}</p>}
      {options.templates.length > 0 && (
        <SelectField
          label={t("composer.whatsapp.template")}
          value={templateId}
          onChange={(event) => onTemplate(event.target.value)}
        >
          {options.windowOpen && <option value="">{t("composer.whatsapp.freeText")}</option>}
          {options.templates.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name} ({candidate.language})
            </option>
          ))}
        </SelectField>
      )}
      {template && (
        <section className="template-preview" aria-label={t("composer.whatsapp.preview")}>
          <p className="muted">{t("composer.whatsapp.preview")}</p>
          <p className="template-preview__text" data-testid="whatsapp-preview">
            {renderTemplate(template.body, values)}
          </p>
        </section>
      )}
    </div>
  );
}

/** The template a reply starts with: none while free text is possible, else the first listed. */
export const initialTemplate = (options: WhatsAppReplyOptions | null) =>
  options && !options.windowOpen ? (options.templates[0]?.id ?? "") : "";
