/**
 * POST /{phone-number-id}/messages: text and template messages, as the Cloud API takes and
 * refuses them (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api),
 * then the status webhooks it sends about each (sent, delivered, read, or failed with its error).
 * Error codes: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
 */
import { GraphError } from "@server/sandbox/graph/errors";
import type { SandboxState } from "@server/sandbox/state";
import type { WebhookDispatcher } from "@server/sandbox/webhooks";
import { type SentWhatsAppMessage, WHATSAPP_ACCOUNTS, type WhatsAppSandbox } from "./state";

/** A WhatsApp error in the Graph error shape with its error_data.details. */
export function whatsappError(code: number, title: string, details: string, transient = false): GraphError {
  return new GraphError(400, {
    message: `(#${code}) ${title}`,
    type: "OAuthException",
    code,
    ...(transient ? { is_transient: true } : {}),
    error_data: { messaging_product: "whatsapp", details },
  });
}

const MAX_TEXT = 4096;

type Params = Record<string, unknown>;
const object = (value: unknown): Params | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Params) : undefined;

function templateText(
  whatsapp: WhatsAppSandbox,
  template: Params | undefined,
): { text: string; category: SentWhatsAppMessage["category"] } {
  const name = typeof template?.name === "string" ? template.name : "";
  const language = object(template?.language)?.code;
  if (!name || typeof language !== "string")
    throw whatsappError(
      131008,
      "Required parameter is missing",
      "template.name and template.language.code are required",
    );
  const found = whatsapp.templates.get(`${name}:${language}`);
  // A template that exists but is not approved cannot be sent either (132001 covers both in practice).
  if (found?.status !== "APPROVED")
    throw whatsappError(
      132001,
      "Template name does not exist in the translation",
      `template name (${name}) does not exist in ${language}`,
    );
  const components = Array.isArray(template?.components) ? template.components.map(object) : [];
  const body = components.find((component) => component?.type === "body");
  const values = (Array.isArray(body?.parameters) ? body.parameters : []).map((parameter) =>
    String(object(parameter)?.text ?? ""),
  );
  const expected = (found.body.match(/\{\{\d+\}\}/g) ?? []).length;
  if (values.length !== expected)
    throw whatsappError(
      132000,
      "Number of parameters does not match the expected number of params",
      `body: number of localizable_params (${values.length}) does not match the expected number of params (${expected})`,
    );
  return {
    text: found.body.replace(/\{\{(\d+)\}\}/g, (_, index: string) => values[Number(index) - 1] ?? ""),
    category: found.category.toLowerCase() as SentWhatsAppMessage["category"],
  };
}

export function sendWhatsAppMessage(
  state: SandboxState,
  whatsapp: WhatsAppSandbox,
  webhooks: WebhookDispatcher,
  params: Params,
) {
  if (params.messaging_product !== "whatsapp")
    throw whatsappError(100, "Invalid parameter", "messaging_product must be whatsapp");
  const to = typeof params.to === "string" ? params.to.replace(/^\+/, "") : "";
  if (!to) throw whatsappError(131008, "Required parameter is missing", "to is required");
  const now = state.now();
  let message: SentWhatsAppMessage;
  if (params.type === "text" || params.type === undefined) {
    const body = object(params.text)?.body;
    if (typeof body !== "string" || !body.trim())
      throw whatsappError(131008, "Required parameter is missing", "text.body is required");
    if (body.length > MAX_TEXT)
      throw whatsappError(100, "Invalid parameter", `text.body is longer than ${MAX_TEXT} characters`);
    message = { id: whatsapp.messageId(), to, type: "text", text: body, category: "service", at: now };
  } else if (params.type === "template") {
    const { text, category } = templateText(whatsapp, object(params.template));
    message = { id: whatsapp.messageId(), to, type: "template", text, category, at: now };
  } else {
    throw whatsappError(
      131009,
      "Parameter value is not valid",
      `type ${String(params.type)} is not supported by the sandbox`,
    );
  }
  if (!whatsapp.takeThroughput(now))
    throw whatsappError(130429, "Rate limit hit", "Cloud API message throughput has been reached.", true);
  whatsapp.sent.push(message);
  announceStatuses(whatsapp, webhooks, message, now);
  return {
    messaging_product: "whatsapp",
    contacts: [{ input: params.to, wa_id: to }],
    messages: [{ id: message.id, ...(message.type === "template" ? { message_status: "accepted" } : {}) }],
  };
}

/**
 * Accepted requests are answered with a message id; what became of the message comes by webhook.
 * Free-form text outside the customer service window fails with 131047 (Re-engagement message);
 * a number that is not on WhatsApp fails with 131026 (Message undeliverable).
 */
function announceStatuses(
  whatsapp: WhatsAppSandbox,
  webhooks: WebhookDispatcher,
  message: SentWhatsAppMessage,
  now: number,
): void {
  const base = { id: message.id, recipient_id: message.to, timestamp: String(Math.floor(now / 1000)) };
  const failure =
    message.type === "text" && !whatsapp.windowOpen(message.to, now)
      ? {
          code: 131047,
          title: "Re-engagement message",
          message: "Re-engagement message",
          error_data: {
            details:
              "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
          },
        }
      : !whatsapp.lastInbound.has(message.to) && !/^62\d{8,13}$/.test(message.to)
        ? {
            code: 131026,
            title: "Message undeliverable",
            message: "Message undeliverable",
            error_data: { details: "Message Undeliverable." },
          }
        : undefined;
  if (failure) {
    webhooks.whatsappChange(WHATSAPP_ACCOUNTS.wabaId, { statuses: [{ ...base, status: "failed", errors: [failure] }] });
    return;
  }
  // Per-message pricing (from 1 July 2025): service messages are free, templates billed by category.
  // https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing
  const pricing = {
    billable: message.category !== "service",
    pricing_model: "PMP",
    type: message.category === "service" ? "free_customer_service" : "regular",
    category: message.category,
  };
  for (const status of ["sent", "delivered", "read"] as const)
    webhooks.whatsappChange(WHATSAPP_ACCOUNTS.wabaId, { statuses: [{ ...base, status, pricing }] });
}
