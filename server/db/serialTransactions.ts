/** What a transaction does with its connection: queries, then commit or rollback (which release it). */
const USES_CONNECTION = new Set(["queryRaw", "executeRaw", "commit", "rollback"]);

/**
 * Wraps pg's Prisma driver adapter factory so that an interactive transaction sends its queries
 * to its one connection one after another. Prisma 6 overlaps them by itself: it loads the
 * relations of an `include` in parallel (`loadCase` in a transaction sends five queries at once),
 * and `Promise.all` over `tx.…` calls that do not start in the same tick overlaps them too. pg 8
 * queues such queries, with a deprecation warning from the third on; pg 9 will refuse them.
 * Queries outside a transaction each take a pool connection of their own and stay parallel.
 */
export function serialTransactions<T extends object>(factory: T): T {
  return wrapping(factory, "connect", (adapter) => wrapping(adapter, "startTransaction", oneAtATime));
}

/** `target` whose method `opens` resolves to what `wrap` makes of its result. */
function wrapping<T extends object>(target: T, opens: string, wrap: <U extends object>(opened: U) => U): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      if (property !== opens) return value.bind(object);
      return async (...args: unknown[]) => wrap(await value.apply(object, args));
    },
  });
}

function oneAtATime<T extends object>(transaction: T): T {
  let last: Promise<unknown> = Promise.resolve();
  return new Proxy(transaction, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      if (typeof property !== "string" || !USES_CONNECTION.has(property)) return value.bind(object);
      return (...args: unknown[]) => {
        const turn = last.then(() => value.apply(object, args));
        // A failed query fails its caller only; the next one still runs after it.
        last = turn.catch(() => {});
        return turn;
      };
    },
  });
}
