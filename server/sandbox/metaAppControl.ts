/**
 * Driving the Meta app the sandbox plays: what its Login for Business configuration asks for,
 * which permissions have Advanced Access, which Pages are subscribed to it, Page tokens with
 * chosen permissions, and Page metrics Meta withdraws. Mounted under /_sandbox/meta behind the
 * control token; `SandboxControl.metaApp` is the same in code.
 */
import { type Request, Router } from "express";
import { z } from "zod";
import type { PageRequirement } from "./graph/publishingChecks";
import { parseBody } from "./http";
import { randomToken } from "./oauth/store";
import { DEFAULT_ACCOUNTS, type SandboxState } from "./state";

const permissions = z.array(z.string().regex(/^[a-z_]{3,60}$/)).max(50);

export class MetaAppControl {
  constructor(private readonly state: SandboxState) {}

  /** The permissions the app's login configuration asks for (an admin saved it with these). */
  setLoginPermissions(list: string[]): void {
    this.state.graph.loginConfigurations.set(DEFAULT_ACCOUNTS.metaLoginConfigId, permissions.parse(list));
  }

  /** Permissions approved for Advanced Access; the rest have Standard Access only. */
  setAdvancedAccess(list: string[]): void {
    const graph = this.state.graph;
    graph.advancedAccess.clear();
    for (const permission of permissions.parse(list)) graph.advancedAccess.add(permission);
  }

  /** Page id → the webhook fields it is subscribed to for the app. */
  pageSubscriptions(): Record<string, string[]> {
    return Object.fromEntries([...this.state.graph.pageSubscriptions].map(([pageId, fields]) => [pageId, [...fields]]));
  }

  /** A Page token of the seeded Page granted only these permissions, as a person who declined the others would have. */
  issuePageToken(scopes: string[]): string {
    const token = randomToken("EAAPage");
    this.state.graph.tokens.set(token, {
      token,
      pageId: DEFAULT_ACCOUNTS.page.id,
      status: "valid",
      scopes: new Set(permissions.parse(scopes)),
    });
    return token;
  }

  /** What the seeded Page requires of whoever publishes, not yet done (PPA, two-factor); empty: nothing. */
  setPageRequirements(requirements: PageRequirement[]): void {
    const list = z.array(z.enum(["page_publishing_authorization", "two_factor_authentication"])).parse(requirements);
    this.state.graph.pageRequirements.set(DEFAULT_ACCOUNTS.page.id, new Set(list));
  }

  /** Page insights metrics Meta has since withdrawn: asking for them becomes an invalid-metric error. */
  withdrawMetrics(metrics: string[]): void {
    for (const metric of z.array(z.string().min(1)).parse(metrics)) this.state.graph.withdrawnMetrics.add(metric);
  }
}

export function metaAppControlRoutes(control: MetaAppControl): Router {
  const router = Router();
  const body = async (req: Request) => (await parseBody(req)).fields;
  const list = (key: string) => async (req: Request) =>
    z.object({ [key]: z.array(z.string()) }).parse(await body(req))[key]!;

  router.put("/_sandbox/meta/login-permissions", async (req, res) => {
    control.setLoginPermissions(await list("permissions")(req));
    res.status(204).end();
  });
  router.put("/_sandbox/meta/advanced-access", async (req, res) => {
    control.setAdvancedAccess(await list("permissions")(req));
    res.status(204).end();
  });
  router.get("/_sandbox/meta/page-subscriptions", (_req, res) => res.json(control.pageSubscriptions()));
  router.post("/_sandbox/meta/page-tokens", async (req, res) => {
    res.status(201).json({ token: control.issuePageToken(await list("permissions")(req)) });
  });
  router.put("/_sandbox/meta/page-requirements", async (req, res) => {
    control.setPageRequirements((await list("requirements")(req)) as PageRequirement[]);
    res.status(204).end();
  });
  router.post("/_sandbox/meta/withdrawn-metrics", async (req, res) => {
    control.withdrawMetrics(await list("metrics")(req));
    res.status(204).end();
  });
  return router;
}
