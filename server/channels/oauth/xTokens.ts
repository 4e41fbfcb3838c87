/**
 * X user access tokens from OAuth 2.0 expire after two hours; the refresh token (offline.access)
 * gets a new pair. The publishing path asks for fresh credentials before each X call, and
 * refreshes once more when X answers 401 anyway. Channels connected with OAuth 1.0a keys or a
 * pasted token without a refresh token pass through unchanged.
 */
import { ChannelError, type ChannelTarget } from "@server/channels/adapter.js";
import { targetOf } from "@server/channels/target.js";
import type { Channel } from "@server/db/generated/client.js";
import type { Services } from "@server/services.js";
import { xOAuthApp } from "./providers.js";
import { refreshXTokens, type XTokens } from "./x.js";

/** Refresh a little before X would refuse the token, so a slow publish does not straddle the expiry. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export type XChannel = Pick<Channel, "id" | "kind" | "externalId" | "settings" | "credentials">;
type RefreshOptions = { force?: boolean; now?: Date };
type TokenServices = Pick<Services, "prisma" | "secretBox" | "config" | "sandbox">;

/** The credentials an OAuth 2.0 X channel stores. */
export function xCredentialsOf(tokens: XTokens): Record<string, string> {
  return {
    oauth2UserToken: tokens.accessToken,
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    expiresAt: tokens.expiresAt.toISOString(),
  };
}

const expiresSoon = (credentials: Record<string, string>, now: Date) =>
  !credentials.expiresAt || Date.parse(credentials.expiresAt) - now.getTime() < REFRESH_MARGIN_MS;

/**
 * The channel's target with a usable token: refreshed (and the new pair sealed into the
 * database) when it expires within REFRESH_MARGIN_MS, or always with `force` (after a 401).
 */
export async function freshXCredentials(
  services: TokenServices,
  channel: XChannel,
  options: RefreshOptions = {},
): Promise<ChannelTarget> {
  return (await refreshIfDue(services, channel, options)).target;
}

/**
 * Runs one X adapter call with fresh credentials; when X still answers 401, refreshes once and
 * retries once. A 401 means X did nothing, so the retry cannot post twice.
 */
export async function withFreshXToken<T>(
  services: TokenServices,
  channel: XChannel,
  call: (target: ChannelTarget) => Promise<T>,
): Promise<T> {
  const first = await refreshIfDue(services, channel, {});
  try {
    return await call(first.target);
  } catch (error) {
    if (!(error instanceof ChannelError && error.code === "x:401" && first.target.credentials.refreshToken))
      throw error;
    const second = await refreshIfDue(services, { ...channel, credentials: first.sealed }, { force: true });
    return call(second.target);
  }
}

async function refreshIfDue(
  services: TokenServices,
  channel: XChannel,
  options: RefreshOptions,
): Promise<{ target: ChannelTarget; sealed: string }> {
  const given = { target: targetOf(services, channel), sealed: channel.credentials };
  const now = options.now ?? new Date();
  if (channel.kind !== "x" || !given.target.credentials.refreshToken) return given;
  if (!options.force && !expiresSoon(given.target.credentials, now)) return given;

  // Another process (or an earlier call) may have refreshed already: refresh tokens are single-use.
  const stored = await services.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
  const latest = { target: targetOf(services, stored), sealed: stored.credentials };
  if (stored.credentials !== channel.credentials && !expiresSoon(latest.target.credentials, now)) return latest;

  const app = xOAuthApp(services);
  if (!app)
    throw new ChannelError(
      "reconnect",
      "x:oauth_not_configured",
      "X: the access token expired and X_CLIENT_ID is not configured to refresh it; connect the account again",
    );
  let tokens: XTokens;
  try {
    tokens = await refreshXTokens(app, latest.target.credentials.refreshToken!);
  } catch (error) {
    const after = await services.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
    if (after.credentials !== stored.credentials)
      return { target: targetOf(services, after), sealed: after.credentials };
    throw error;
  }
  const credentials = xCredentialsOf(tokens);
  const sealed = services.secretBox.seal(JSON.stringify(credentials));
  // Only over the pair we refreshed; a concurrent winner's pair is not overwritten.
  await services.prisma.channel.updateMany({
    where: { id: channel.id, credentials: stored.credentials },
    data: { credentials: sealed },
  });
  return { target: { ...latest.target, credentials }, sealed };
}
