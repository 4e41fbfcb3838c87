import type { TemplateParameter } from "@server/channels/whatsappTemplateText.js";
import type { ApprovedTemplate } from "@server/channels/whatsappTemplates.js";
import type { WhatsAppTemplate } from "@server/db/generated/client.js";

/** A template listed for a WhatsApp number, with what fills each {{n}}, for admins and the reply composer. */
export function presentWhatsAppTemplate(template: WhatsAppTemplate) {
  return {
    id: template.id,
    name: template.name,
    language: template.language,
    category: template.category,
    body: template.body,
    parameters: template.parameters as TemplateParameter[],
    createdAt: template.createdAt.toISOString(),
  };
}

/** One of Meta's approved templates of the account, as admins choose among them. */
export function presentApprovedTemplate(template: ApprovedTemplate) {
  return { name: template.name, language: template.language, category: template.category, body: template.body };
}
