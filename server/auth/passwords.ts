import { hash, verify, type Algorithm } from "@node-rs/argon2";
import { AppError } from "@server/errors.js";

// OWASP's argon2id baseline (19 MiB, 2 passes): about 50 ms a hash on our machines.
// The package's Algorithm is a const enum with no runtime value; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword("decoy-password-never-matches");
  await verifyPassword(await decoyHash, password);
  return false;
}

export function assertAcceptablePassword(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.toLowerCase() === email.toLowerCase()) {
    throw new AppError("weak_password", { minLength: MIN_PASSWORD_LENGTH });
  }
}

/** A readable one-time password for admin resets and new accounts. */
export function generateTemporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
