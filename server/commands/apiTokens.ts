import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import { API_TOKEN_PREFIX, randomToken } from "@server/auth/tokens.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

/** Issues a personal API token; its secret is returned this once and never stored in clear. */
export async function createApiToken(
  services: Services,
  { origin, token: input }: { origin: ActingOrigin; token: { name: string; expiresInDays?: number } },
) {
  const token = `${API_TOKEN_PREFIX}${randomToken(30)}`;
  const apiToken = await services.prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: origin.actor.id,
        name: input.name,
        tokenHash: services.hasher.hash(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
      },
    });
    await recordAudit(tx, origin, {
      action: "api_token.create",
      targetType: "ApiToken",
      targetId: created.id,
      changes: { name: created.name, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { apiToken, token };
}

export async function revokeApiToken(
  services: Services,
  { origin, tokenId: id }: { origin: ActingOrigin; tokenId: string },
) {
  return services.prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id } });
    if (!token) throw new AppError("not_found");
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, origin, {
      action: "api_token.revoke",
      targetType: "ApiToken",
      targetId: id,
      changes: { name: token.name },
    });
    return revoked;
  });
}
