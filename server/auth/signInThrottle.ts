import { Prisma, type PrismaClient } from "@server/db/client.js";
import type { TokenHasher } from "./tokens.js";

/**
 * Sign-in protection. Only failed attempts are counted (an office behind one NAT address may
 * sign in as often as it likes), in the database so every process shares the counts, per
 * account whether or not it exists (keyed by a hash of the e-mail, so a missing account follows
 * the same path and gets the same answers, and no typed-in address is stored). Three budgets per
 * window:
 * - per (account, address): the ordinary brake on guessing; a stranger only slows themselves;
 * - per address, all accounts together: one address cannot spray many accounts;
 * - per account, all addresses together: against guessing from many addresses. Past it, only
 *   addresses the account has signed in from before may still try, so a stranger hammering an
 *   account cannot keep its owner out: there is no hard lock anyone else can set off.
 * A successful sign-in clears only its own (account, address) count: clearing the address or
 * account count would let someone who knows one password reset their guessing budget.
 * Each attempt is counted before its password is checked and given back on success, so a burst
 * of simultaneous guesses cannot slip past the budget while the hashes are being computed.
 * A window starts at a key's first failure (not at a clock boundary), so a budget cannot be
 * spent twice across a boundary, and the wait given is exact.
 */
export type SignInLimits = {
  /** Failures of one account from one address per window. */
  maxFailures: number;
  /** Failures from one address, all accounts together, per window. */
  perIpLimit: number;
  /** Failures of one account, all addresses together, before unknown addresses must wait. */
  perAccountLimit: number;
  windowMinutes: number;
  /** How long a successful sign-in keeps its address known for the account. */
  knownAddressDays: number;
};

export type SignInAttempt = {
  accountKey: string;
  ip: string;
  keys: { address: string; accountAddress: string; account: string };
};
export type ThrottleScope = "address" | "account_address" | "account";
export type Throttled = { scope: ThrottleScope; retryAfterSeconds: number };

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "signInFailureCount" | "signInKnownAddress">;

export function signInAttempt(hasher: TokenHasher, email: string, address: string): SignInAttempt {
  const accountKey = hasher.hash(`sign-in:${email}`);
  const ip = addressBlock(address);
  return {
    accountKey,
    ip,
    keys: {
      address: `sign-in:ip:${ip}`,
      accountAddress: `sign-in:account-ip:${accountKey}:${ip}`,
      account: `sign-in:account:${accountKey}`,
    },
  };
}

/**
 * The unit an address is counted in: an IPv4 address itself, but an IPv6 address's /64, since
 * one subscriber or host holds a whole /64 and could otherwise change address at every guess.
 */
export function addressBlock(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

const windowMs = (limits: Pick<SignInLimits, "windowMinutes">) => limits.windowMinutes * 60_000;

/** Whether a budget spent before this attempt holds it back, and for how long. */
export async function signInThrottled(
  db: Db,
  attempt: SignInAttempt,
  limits: SignInLimits,
  now = new Date(),
): Promise<Throttled | null> {
  const since = new Date(now.getTime() - windowMs(limits));
  const rows = await db.signInFailureCount.findMany({
    where: { key: { in: Object.values(attempt.keys) }, firstFailureAt: { gt: since } },
  });
  return holdingBack(
    db,
    attempt,
    limits,
    budgetsOf(attempt, limits, rows).filter((budget) => budget.used >= budget.limit),
    now,
  );
}

/**
 * Counts this attempt as a failure before its password is checked, so that a burst of
 * simultaneous guesses cannot all pass the check above before any of them is counted; a
 * success or a refusal gives the count back. Returns the budgets as counted, and a wait when
 * other attempts spent the budget in the meantime.
 */
export async function reserveSignInAttempt(
  db: Db,
  attempt: SignInAttempt,
  limits: SignInLimits,
  now = new Date(),
): Promise<{ budgets: Budget[]; throttled: Throttled | null }> {
  const since = new Date(now.getTime() - windowMs(limits));
  const values = Object.values(attempt.keys).map((key) => Prisma.sql`(${key}, ${now}, 1)`);
  // A count whose window has passed starts again at this attempt.
  const rows = await db.$queryRaw<{ key: string; firstFailureAt: Date; count: number }[]>`
    INSERT INTO "SignInFailureCount" AS c ("key", "firstFailureAt", "count") VALUES ${Prisma.join(values)}
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN c."firstFailureAt" > ${since} THEN c."count" + 1 ELSE 1 END,
      "firstFailureAt" = CASE WHEN c."firstFailureAt" > ${since} THEN c."firstFailureAt" ELSE EXCLUDED."firstFailureAt" END
    RETURNING "key", "firstFailureAt", "count"`;
  const budgets = budgetsOf(attempt, limits, rows);
  const throttled = await holdingBack(
    db,
    attempt,
    limits,
    budgets.filter((budget) => budget.used > budget.limit),
    now,
  );
  if (throttled) await releaseSignInAttempt(db, attempt);
  return { budgets, throttled };
}

/**
 * What a failed attempt's count means: the budgets it used up (to audit once), and the wait when
 * this address must now stop trying this account. The account-wide budget is left to the next
 * attempt's check, which spares known addresses.
 */
export function afterFailure(
  budgets: Budget[],
  limits: SignInLimits,
  now = new Date(),
): { usedUp: ThrottleScope[]; retryAfterSeconds: number | null } {
  const usedUp = budgets.filter((budget) => budget.used === budget.limit).map((budget) => budget.scope);
  const stopping = budgets.filter((budget) => budget.scope !== "account" && budget.used >= budget.limit);
  const until = Math.max(...stopping.map((budget) => budget.firstFailureAt.getTime() + windowMs(limits)));
  return { usedUp, retryAfterSeconds: stopping.length ? secondsUntil(until, now) : null };
}

/** Gives back an attempt's count: it turned out not to be a failed guess. */
export async function releaseSignInAttempt(
  db: Pick<Db, "$executeRaw">,
  attempt: SignInAttempt,
  keys: string[] = Object.values(attempt.keys),
): Promise<void> {
  await db.$executeRaw`UPDATE "SignInFailureCount" SET "count" = GREATEST("count" - 1, 0) WHERE "key" IN (${Prisma.join(keys)})`;
}

/** After a successful sign-in: never counted, this (account, address) starts afresh, and the address becomes known. */
export async function recordSignInSuccess(db: Db, attempt: SignInAttempt, now = new Date()): Promise<void> {
  await releaseSignInAttempt(db, attempt, [attempt.keys.address, attempt.keys.account]);
  await db.signInFailureCount.deleteMany({ where: { key: attempt.keys.accountAddress } });
  // One statement, so two sign-ins at once (a double click) cannot both try to create the row.
  await db.$executeRaw`
    INSERT INTO "SignInKnownAddress" ("accountKey", "ip", "lastSuccessAt") VALUES (${attempt.accountKey}, ${attempt.ip}, ${now})
    ON CONFLICT ("accountKey", "ip") DO UPDATE SET "lastSuccessAt" = EXCLUDED."lastSuccessAt"`;
}

/** An admin's password reset: the account's failure counts, from every address, start afresh. */
export async function clearSignInFailures(
  db: Pick<Db, "signInFailureCount">,
  hasher: TokenHasher,
  email: string,
): Promise<void> {
  const { keys } = signInAttempt(hasher, email.toLowerCase(), "");
  await db.signInFailureCount.deleteMany({
    where: { OR: [{ key: keys.account }, { key: { startsWith: keys.accountAddress } }] },
  });
}

/** Housekeeping: failure counts whose window has passed, and addresses not used to sign in for a long time. */
export async function pruneSignInRecords(
  db: Pick<Db, "signInFailureCount" | "signInKnownAddress">,
  limits: SignInLimits,
  now = new Date(),
) {
  await db.signInFailureCount.deleteMany({
    where: { firstFailureAt: { lt: new Date(now.getTime() - windowMs(limits)) } },
  });
  await db.signInKnownAddress.deleteMany({
    where: { lastSuccessAt: { lt: new Date(now.getTime() - limits.knownAddressDays * 86_400_000) } },
  });
}

// The account-wide budget holds back only addresses the account has not signed in from.
async function holdingBack(
  db: Db,
  attempt: SignInAttempt,
  limits: SignInLimits,
  spent: Budget[],
  now: Date,
): Promise<Throttled | null> {
  const blocking = [];
  for (const budget of spent) {
    if (budget.scope === "account" && (await isKnownAddress(db, attempt, limits, now))) continue;
    blocking.push(budget);
  }
  if (!blocking.length) return null;
  const until = Math.max(...blocking.map((budget) => budget.firstFailureAt.getTime() + windowMs(limits)));
  return { scope: blocking[0]!.scope, retryAfterSeconds: secondsUntil(until, now) };
}

async function isKnownAddress(db: Db, attempt: SignInAttempt, limits: SignInLimits, now: Date): Promise<boolean> {
  const known = await db.signInKnownAddress.findUnique({
    where: { accountKey_ip: { accountKey: attempt.accountKey, ip: attempt.ip } },
  });
  return known !== null && known.lastSuccessAt.getTime() > now.getTime() - limits.knownAddressDays * 86_400_000;
}

export type Budget = { scope: ThrottleScope; used: number; limit: number; firstFailureAt: Date };

// The narrowest budget first: it is the one the caller can do something about.
function budgetsOf(
  attempt: SignInAttempt,
  limits: SignInLimits,
  rows: { key: string; firstFailureAt: Date; count: number }[],
): Budget[] {
  const of = (scope: ThrottleScope, key: string, limit: number): Budget => {
    const row = rows.find((r) => r.key === key);
    return {
      scope,
      used: Number(row?.count ?? 0),
      limit,
      firstFailureAt: row ? new Date(row.firstFailureAt) : new Date(0),
    };
  };
  return [
    of("account_address", attempt.keys.accountAddress, limits.maxFailures),
    of("address", attempt.keys.address, limits.perIpLimit),
    of("account", attempt.keys.account, limits.perAccountLimit),
  ];
}

function secondsUntil(until: number, now: Date): number {
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}
