import { recordAudit, type Origin } from "@server/audit/record.js";
import { ChannelError } from "@server/channels/adapter.js";
import { markChannelNeedsReconnect } from "@server/channels/connectionStatus.js";
import { targetOf } from "@server/channels/target.js";
import { placeholderCount, type TemplateParameter } from "@server/channels/whatsappTemplateText.js";
import { approvedTemplates } from "@server/channels/whatsappTemplates.js";
import { isUniqueViolation } from "@server/db/errors.js";
import type { Channel, WhatsAppTemplate } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

export type WhatsAppTemplateInput = { name: string; language: string; parameters: TemplateParameter[] };

export async function whatsappChannel(services: Services, channelId: string): Promise<Channel> {
  const channel = await services.prisma.channel.findUnique({ where: { id: channelId } });
  if (!channel) throw new AppError("not_found");
  if (channel.kind !== "whatsapp") throw new AppError("whatsapp_only", { field: "channelId" });
  return channel;
}

/** Meta's approved templates of the number's account, as Siar may map them. */
export async function listApprovedTemplates(services: Services, channelId: string) {
  const channel = await whatsappChannel(services, channelId);
  try {
    return await approvedTemplates(targetOf(services, channel));
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    if (error.failure === "reconnect") {
      await markChannelNeedsReconnect(services, channel.id, error.message);
      throw new AppError("channel_needs_reconnect", { reason: error.message, code: error.code });
    }
    throw new AppError("platform_unavailable", { reason: error.message, code: error.code });
  }
}

/**
 * Lists an approved template for staff, with what fills each of its parameters. Its body and
 * category are taken from Meta, so what staff preview is what the citizen receives.
 */
export async function addWhatsAppTemplate(
  services: Services,
  { origin, channelId, template: input }: { origin: Origin; channelId: string; template: WhatsAppTemplateInput },
): Promise<WhatsAppTemplate> {
  const approved = (await listApprovedTemplates(services, channelId)).find(
    (template) => template.name === input.name && template.language === input.language,
  );
  if (!approved) throw new AppError("whatsapp_template_not_approved", { field: "name" });
  if (placeholderCount(approved.body) !== input.parameters.length)
    throw new AppError("whatsapp_template_parameters", {
      field: "parameters",
      expected: placeholderCount(approved.body),
    });
  try {
    return await services.prisma.$transaction(async (tx) => {
      const template = await tx.whatsAppTemplate.create({
        data: { channelId, ...input, body: approved.body, category: approved.category },
      });
      await recordAudit(tx, origin, {
        action: "whatsapp_template.add",
        targetType: "WhatsAppTemplate",
        targetId: template.id,
        changes: { channelId, name: input.name, language: input.language, parameters: input.parameters },
      });
      return template;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("whatsapp_template_listed", { field: "name" });
    throw error;
  }
}

export async function removeWhatsAppTemplate(
  services: Services,
  { origin, channelId, templateId }: { origin: Origin; channelId: string; templateId: string },
): Promise<void> {
  await services.prisma.$transaction(async (tx) => {
    const template = await tx.whatsAppTemplate.findFirst({ where: { id: templateId, channelId } });
    if (!template) throw new AppError("not_found");
    await tx.whatsAppTemplate.delete({ where: { id: templateId } });
    await recordAudit(tx, origin, {
      action: "whatsapp_template.remove",
      targetType: "WhatsAppTemplate",
      targetId: templateId,
      changes: { channelId, name: template.name, language: template.language },
    });
  });
}
