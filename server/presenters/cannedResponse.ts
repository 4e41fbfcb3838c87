import type { CannedResponse } from "@server/db/generated/client.js";
import type { TemplateLanguage } from "@server/inbox/cannedResponses.js";

export function presentCannedResponse(response: CannedResponse, unitNames: Map<string, string>) {
  return {
    id: response.id,
    title: response.title,
    body: response.body,
    // A text column written only through the schema that takes TEMPLATE_LANGUAGES.
    language: response.language as TemplateLanguage,
    unit: response.unitId ? { id: response.unitId, name: unitNames.get(response.unitId) ?? null } : null,
    updatedAt: response.updatedAt.toISOString(),
  };
}
