/**
 * Application Passwords over HTTP Basic authentication.
 * https://developer.wordpress.org/rest-api/using-the-rest-api/authentication/#basic-authentication-with-application-passwords
 */
import type { Request } from "express";
import type { SandboxState, WpUser } from "@server/sandbox/state";
import { WpError } from "./errors";

/** WordPress ignores the spaces it shows in application passwords. */
const normalizePassword = (password: string) => password.replace(/[^a-z\d]/gi, "");

/** The user the request authenticates as; undefined without credentials; 401 for wrong ones. */
export function wpUserOf(state: SandboxState, req: Request): WpUser | undefined {
  const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  const username = decoded.slice(0, separator);
  const password = decoded.slice(separator + 1);
  const user = [...state.wordpress.users.values()].find((u) => u.username === username);
  if (!user) throw new WpError(401, "invalid_username", "Unknown username. Check again or try your email address.");
  if (normalizePassword(password) !== normalizePassword(user.applicationPassword)) {
    throw new WpError(401, "incorrect_password", "The provided password is an invalid application password.");
  }
  return user;
}

export function requireWpUser(state: SandboxState, req: Request, code: string, message: string): WpUser {
  const user = wpUserOf(state, req);
  if (!user) throw new WpError(401, code, message);
  return user;
}
