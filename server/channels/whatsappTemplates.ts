/**
 * WhatsApp message templates: the approved ones a WhatsApp Business Account has
 * (GET /{waba-id}/message_templates, https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview),
 * which admins list for staff (filled as in whatsappTemplateText.ts).
 */
import type { ChannelTarget } from "./adapter.js";
import { GraphClient } from "./graph.js";
import { requiredField } from "./http.js";
import { WHATSAPP } from "./whatsapp.js";

export type ApprovedTemplate = { name: string; language: string; category: string; body: string };

type RemoteTemplate = {
  name: string;
  language: string;
  status: string;
  category?: string;
  components?: { type: string; text?: string }[];
};

/** The account's approved templates with a text body (templates pending review or rejected cannot be sent). */
export async function approvedTemplates(target: ChannelTarget): Promise<ApprovedTemplate[]> {
  const wabaId = requiredField(WHATSAPP, target.settings, "wabaId");
  const client = GraphClient.forTarget(WHATSAPP, target, "accessToken");
  const found: ApprovedTemplate[] = [];
  for await (const template of client.items<RemoteTemplate>(`${wabaId}/message_templates`, {
    fields: "name,language,status,category,components",
    limit: "100",
  })) {
    const body = template.components?.find((component) => component.type === "BODY")?.text;
    if (template.status === "APPROVED" && body && template.category)
      found.push({ name: template.name, language: template.language, category: template.category.toLowerCase(), body });
  }
  return found;
}
