import type { Prisma } from "@server/db/client.js";

/** What a token is shown with: its unit limit by name. */
export const API_TOKEN_INCLUDE = { unitLimit: { select: { id: true, name: true } } } as const;
type ApiTokenWithLimit = Prisma.ApiTokenGetPayload<{ include: typeof API_TOKEN_INCLUDE }>;

export function presentApiToken(token: ApiTokenWithLimit) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    unitLimit: token.unitLimit,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
