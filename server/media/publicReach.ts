import { isIP } from "node:net";

/**
 * Instagram (and Facebook photo posts) fetch media from Siar's PUBLIC_BASE_URL, so that
 * address must be reachable from the internet. This tells, without any network call, when it
 * clearly is not: a loopback, private or link-local address, or a local-only name.
 */
export function unreachableFromInternet(publicBaseUrl: string): boolean {
  const host = new URL(publicBaseUrl).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".local") ||
    host.endsWith(".internal") ||
    (!host.includes(".") && isIP(host) === 0)
  )
    return true;
  if (isIP(host) === 4) {
    const [a = 0, b = 0] = host.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(host) === 6)
    return host === "::1" || host.startsWith("fc") || host.startsWith("fd") || host.startsWith("fe80");
  return false;
}
