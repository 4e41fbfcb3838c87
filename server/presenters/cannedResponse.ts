import type { CannedResponse } from "../db/generated/client.js";

export function presentCannedResponse(response: CannedResponse, unitNames: Map<string, string>) {
  return {
    id: response.id,
    title: response.title,
    body: response.body,
    language: response.language,
    unit: response.unitId ? { id: response.unitId, name: unitNames.get(response.unitId) ?? null } : null,
    updatedAt: response.updatedAt.toISOString(),
  };
}
