/** Told of every query Prisma sends: how long it took and whether it failed. */
export type QueryObserver = (seconds: number, failed: boolean) => void;

const TIMED = new Set(["queryRaw", "executeRaw"]);
const OPENS = new Set(["connect", "startTransaction"]);

/**
 * Wraps a Prisma driver adapter factory (PGlite's or pg's) so that every query it runs, in a
 * transaction or not, is timed. Works on the adapter's shape, not on one adapter's class.
 */
export function timingQueries<T extends object>(adapter: T, observe: QueryObserver): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      if (OPENS.has(property))
        return async (...args: unknown[]) => timingQueries(await value.apply(target, args), observe);
      if (!TIMED.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        const started = process.hrtime.bigint();
        const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
        try {
          const result = await value.apply(target, args);
          observe(seconds(), false);
          return result;
        } catch (error) {
          observe(seconds(), true);
          throw error;
        }
      };
    },
  });
}
