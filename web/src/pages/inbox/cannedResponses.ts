import type { CannedResponse, InboxItem } from "@web/api/types";

/** Where the public website lives (the session's instance says), for the variables that link to it. */
export type Site = { publicBaseUrl: string };

// What each template variable becomes for an item (server/inbox/cannedResponses.ts names the same ones).
const VARIABLES: Record<string, (item: InboxItem, site: Site) => string | null> = {
  nama: (item) => item.author.name,
  nomor: (item) => item.trackingNumber,
  unit: (item) => item.unit?.name ?? null,
  formulir_ppid: (_item, site) => `${site.publicBaseUrl}/ppid/permohonan`,
};

const VARIABLE_PATTERN = /\{(\w+)\}/g;

/** Templates whose every variable this item can fill (no tracking number, no "{nomor}" template). */
export function responsesFor(responses: readonly CannedResponse[], item: InboxItem, site: Site): CannedResponse[] {
  return responses.filter((response) =>
    [...response.body.matchAll(VARIABLE_PATTERN)].every(([, name]) => VARIABLES[name!]?.(item, site)),
  );
}

export function fillResponse(response: CannedResponse, item: InboxItem, site: Site): string {
  return response.body.replace(VARIABLE_PATTERN, (match, name: string) => VARIABLES[name]?.(item, site) ?? match);
}
