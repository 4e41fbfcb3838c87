import type { CannedResponse, InboxItem } from "../../api/types";

// What each template variable becomes for an item (server/inbox/cannedResponses.ts names the same three).
const VARIABLES: Record<string, (item: InboxItem) => string | null> = {
  nama: (item) => item.author.name,
  nomor: (item) => item.trackingNumber,
  unit: (item) => item.unit?.name ?? null,
};

const VARIABLE_PATTERN = /\{(\w+)\}/g;

/** Templates whose every variable this item can fill (no tracking number, no "{nomor}" template). */
export function responsesFor(responses: readonly CannedResponse[], item: InboxItem): CannedResponse[] {
  return responses.filter((response) =>
    [...response.body.matchAll(VARIABLE_PATTERN)].every(([, name]) => VARIABLES[name!]?.(item)),
  );
}

export function fillResponse(response: CannedResponse, item: InboxItem): string {
  return response.body.replace(VARIABLE_PATTERN, (match, name: string) => VARIABLES[name]?.(item) ?? match);
}
