import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Session cookies and API tokens are random secrets; the database keeps only a keyed hash,
 * so a leaked database copy does not let anyone sign in.
 */
export class TokenHasher {
  constructor(private readonly secret: string) {}

  hash(token: string): string {
    return createHmac("sha256", this.secret).update(token).digest("base64url");
  }
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const API_TOKEN_PREFIX = "siar_";
