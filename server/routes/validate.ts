import type { Request } from "express";
import { z } from "zod";
import { AppError } from "@server/errors.js";

const localeErrors = { id: z.locales.id().localeError, en: z.locales.en().localeError };

/** Parses input with a zod schema; failures become a 400 listing each field's problem in the caller's language. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, req: Request): z.output<S> {
  const result = schema.safeParse(input, { error: localeErrors[req.locale] });
  if (!result.success) {
    throw new AppError(
      "validation_failed",
      result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  }
  return result.data;
}

export const uuidParam = z.object({ id: z.uuid() });
