/** What every Graph node handler shares: the request context, bound nodes, and parameter validation. */
import { z } from "zod";
import type { UploadedFile } from "@server/sandbox/http";
import type { GraphToken, SandboxState } from "@server/sandbox/state";
import { graphErrors } from "./errors";

export interface GraphContext {
  state: SandboxState;
  token: GraphToken;
  /** Query string and body parameters merged, as Graph treats them alike. */
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  url: URL;
}

export type GraphHandler = (ctx: GraphContext) => unknown | Promise<unknown>;

/** A node resolved from an id, with its operations bound to it. */
export interface BoundNode {
  typeName: string;
  /** The Page whose token may access this node. */
  ownerPageId: string;
  read?: GraphHandler;
  update?: GraphHandler;
  remove?: GraphHandler;
  edges: Record<string, { get?: GraphHandler; post?: GraphHandler; delete?: GraphHandler }>;
}

/** Graph's timestamp format, e.g. 2024-05-01T10:00:00+0000. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

/** Booleans arrive as "true"/"false" strings from query strings and forms. */
export const graphBoolean = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value),
  z.boolean(),
);

/** JSON-valued parameters (recipient, message) arrive as JSON strings from forms. */
export function jsonParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, schema);
}

/** The one parameter of comments and replies. */
export const messageParams = z.object({ message: z.string().min(1) });

export function validateParams<T extends z.ZodType>(schema: T, params: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.join(".");
  const missing = issue.code === "invalid_type" && issue.input === undefined;
  throw graphErrors.invalidParameter(
    missing ? `The parameter ${name} is required` : `Param ${name} is invalid: ${issue.message}`,
  );
}
