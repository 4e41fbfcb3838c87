import type { PGlite } from "@electric-sql/pglite";
import { DriverAdapterError, type SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

// pglite-prisma-adapter 0.6 reports every database error as kind "postgres", which Prisma 6.19
// no longer maps to its error codes (P2002...). Translating the SQLSTATE codes the application
// relies on keeps errors identical on PGlite and PostgreSQL (where @prisma/adapter-pg maps them).
type PostgresCause = {
  kind: "postgres";
  code: string;
  message: string;
  detail?: string;
  column?: string;
  constraint?: string;
};

function translate(error: unknown): unknown {
  // The adapter bundles its own copy of DriverAdapterError, so recognise it by shape.
  const cause = (error as { name?: string; cause?: PostgresCause }).cause;
  if ((error as { name?: string }).name !== "DriverAdapterError" || cause?.kind !== "postgres") return error;
  const original = { originalCode: cause.code, originalMessage: cause.message };
  const constraint = cause.detail?.match(/Key \(([^)]+)\)/)?.[1];
  switch (cause.code) {
    case "23505":
      return new DriverAdapterError({
        kind: "UniqueConstraintViolation",
        constraint: constraint ? { fields: constraint.split(", ") } : undefined,
        ...original,
      });
    case "23503":
      return new DriverAdapterError({
        kind: "ForeignKeyConstraintViolation",
        constraint: constraint ? { fields: constraint.split(", ") } : undefined,
        ...original,
      });
    case "23502":
      return new DriverAdapterError({
        kind: "NullConstraintViolation",
        constraint: cause.column ? { fields: [cause.column] } : undefined,
        ...original,
      });
    case "40001":
      return new DriverAdapterError({ kind: "TransactionWriteConflict", ...original });
    default:
      return error;
  }
}

/** Wraps every async method of an adapter object (and of the transactions it opens). */
function translatingErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = value.apply(object, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (resolved: unknown) =>
            property === "startTransaction" || property === "connect"
              ? translatingErrors(resolved as object)
              : resolved,
          (error: unknown) => {
            throw translate(error);
          },
        );
      };
    },
  });
}

export function pgliteAdapter(pglite: PGlite): SqlDriverAdapterFactory {
  return translatingErrors(new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory);
}
