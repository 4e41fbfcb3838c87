import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import { API_TOKEN_SCOPES } from "@server/auth/tokenScopes.js";
import type { ApiTokenScope } from "@server/db/generated/enums.js";
import { API_TOKEN_PREFIX, randomToken } from "@server/auth/tokens.js";
import { AppError } from "@server/errors.js";
import { isInScope } from "@server/policies/scope.js";
import { API_TOKEN_INCLUDE } from "@server/presenters/apiToken.js";
import type { Services } from "@server/services.js";

type TokenInput = { name: string; expiresInDays?: number; scopes?: ApiTokenScope[]; unitLimitId?: string | null };

/** Issues a personal API token; its secret is returned this once and never stored in clear. */
export async function createApiToken(
  services: Services,
  { origin, token: input }: { origin: ActingOrigin; token: TokenInput },
) {
  const token = `${API_TOKEN_PREFIX}${randomToken(30)}`;
  const scopes = input.scopes ?? [...API_TOKEN_SCOPES];
  // A token used to issue another passes on no more than it has itself.
  const issuing = origin.actor.token;
  if (issuing && scopes.some((scope) => !issuing.scopes.includes(scope))) {
    throw new AppError("token_scope_missing", { scope: scopes.find((scope) => !issuing.scopes.includes(scope)) });
  }
  const apiToken = await services.prisma.$transaction(async (tx) => {
    const unitLimit = input.unitLimitId
      ? await tx.unit.findUnique({ where: { id: input.unitLimitId }, select: { id: true, path: true } })
      : null;
    // The limit is one of the user's own units or below one (for a limited issuing token: below its limit).
    if (input.unitLimitId && !(unitLimit && isInScope(origin.actor, unitLimit.path))) {
      throw new AppError("validation_failed", { field: "unitLimitId" });
    }
    if (issuing?.unitLimited && !unitLimit) throw new AppError("validation_failed", { field: "unitLimitId" });
    const created = await tx.apiToken.create({
      include: API_TOKEN_INCLUDE,
      data: {
        scopes,
        unitLimitId: unitLimit?.id ?? null,
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
      changes: { name: created.name, expiresAt: created.expiresAt, scopes, unitLimitId: created.unitLimitId },
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
    const token = await tx.apiToken.findUnique({ where: { id }, include: API_TOKEN_INCLUDE });
    if (!token) throw new AppError("not_found");
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: new Date() },
      include: API_TOKEN_INCLUDE,
    });
    await recordAudit(tx, origin, {
      action: "api_token.revoke",
      targetType: "ApiToken",
      targetId: id,
      changes: { name: token.name },
    });
    return revoked;
  });
}
