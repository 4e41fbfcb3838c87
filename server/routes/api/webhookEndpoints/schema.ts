import { z } from "zod";
import { paginationQuery } from "@server/routes/pagination.js";
import { WEBHOOK_EVENT_TYPES } from "@server/webhooks/events.js";

const endpoint = {
  // Checked as a URL by the command, which answers webhook_url_invalid in the user's language.
  url: z.string().trim().min(1).max(2000),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .max(WEBHOOK_EVENT_TYPES.length * 2),
  description: z.string().trim().max(500).default(""),
};
export const createEndpointBody = z.object(endpoint).strict();
export const updateEndpointBody = z
  .object({ ...endpoint, description: endpoint.description.unwrap(), enabled: z.boolean() })
  .partial()
  .strict();
export type CreateEndpointBody = z.infer<typeof createEndpointBody>;
export type UpdateEndpointBody = z.infer<typeof updateEndpointBody>;

export const deliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });
export const listDeliveriesQuery = paginationQuery;
