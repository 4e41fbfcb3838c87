import { Router } from "express";
import {
  addWhatsAppTemplate,
  listApprovedTemplates,
  removeWhatsAppTemplate,
  whatsappChannel,
} from "@server/commands/whatsappTemplates.js";
import { authorize } from "@server/policies/index.js";
import { presentApprovedTemplate, presentWhatsAppTemplate } from "@server/presenters/whatsappTemplate.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { templateParams, whatsappTemplateBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The message templates admins list for a WhatsApp number, and Meta's approved ones to choose from. */
export function whatsappTemplateRoutes(services: Services): Router {
  const router = Router();

  router.get("/:id/whatsapp-templates", async (req, res) => {
    authorize(req.actor!, "update", "Channel");
    const { id } = parse(uuidParam, req.params, req);
    await whatsappChannel(services, id);
    const templates = await services.prisma.whatsAppTemplate.findMany({
      where: { channelId: id },
      orderBy: [{ name: "asc" }, { language: "asc" }],
    });
    res.json({ data: templates.map(presentWhatsAppTemplate) });
  });

  router.get("/:id/whatsapp-templates/approved", async (req, res) => {
    authorize(req.actor!, "update", "Channel");
    const { id } = parse(uuidParam, req.params, req);
    res.json({ data: (await listApprovedTemplates(services, id)).map(presentApprovedTemplate) });
  });

  router.post("/:id/whatsapp-templates", async (req, res) => {
    authorize(req.actor!, "update", "Channel");
    const { id } = parse(uuidParam, req.params, req);
    const template = parse(whatsappTemplateBody, req.body, req);
    const added = await addWhatsAppTemplate(services, { origin: originOf(req), channelId: id, template });
    res.status(201).json(presentWhatsAppTemplate(added));
  });

  router.delete("/:id/whatsapp-templates/:templateId", async (req, res) => {
    authorize(req.actor!, "update", "Channel");
    const { id, templateId } = parse(templateParams, req.params, req);
    await removeWhatsAppTemplate(services, { origin: originOf(req), channelId: id, templateId });
    res.status(204).end();
  });

  describeRoutes(router, {
    "GET /:id/whatsapp-templates": {
      response: { list: "WhatsAppTemplate" },
      summary: "A WhatsApp channel's message templates",
      permission: { action: "update", model: "Channel" },
    },
    "GET /:id/whatsapp-templates/approved": {
      response: { list: "ApprovedWhatsAppTemplate" },
      summary: "The templates approved for use",
      permission: { action: "update", model: "Channel" },
    },
    "POST /:id/whatsapp-templates": {
      response: "WhatsAppTemplate",
      summary: "Submit a message template for approval",
      permission: { action: "update", model: "Channel" },
      body: whatsappTemplateBody,
      status: 201,
    },
    "DELETE /:id/whatsapp-templates/:templateId": {
      summary: "Delete a message template",
      permission: { action: "update", model: "Channel" },
      status: 204,
    },
  });

  return router;
}
