// How Siar fills a WhatsApp template's {{n}} parameters; no server imports, so the reply
// composer previews exactly what the server will send.

/** What may fill a template's parameter. */
export const TEMPLATE_PARAMETERS = ["item_reference", "reply_text", "citizen_name"] as const;
export type TemplateParameter = (typeof TEMPLATE_PARAMETERS)[number];

/** How many parameters a body takes: its highest {{n}}. */
export function placeholderCount(body: string): number {
  return Math.max(0, ...[...body.matchAll(/\{\{(\d+)\}\}/g)].map((match) => Number(match[1])));
}

/** The body with each {{n}} replaced by its value, as the citizen will read it. */
export function renderTemplate(body: string, values: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (_, index: string) => values[Number(index) - 1] ?? "");
}

/** A short reference for the citizen: the tracking number, else the item's id's first block. */
export const itemReference = (item: { id: string; trackingNumber: string | null }) =>
  item.trackingNumber ?? item.id.slice(0, 8).toUpperCase();

/** The template's parameters filled from the item and the reply staff wrote. */
export function templateValues(
  template: { parameters: readonly string[] },
  item: { id: string; trackingNumber: string | null; authorName: string },
  replyText: string,
): string[] {
  const value: Record<TemplateParameter, string> = {
    item_reference: itemReference(item),
    reply_text: replyText,
    citizen_name: item.authorName,
  };
  return template.parameters.map((parameter) => value[parameter as TemplateParameter] ?? "");
}
