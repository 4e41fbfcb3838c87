import type { SandboxControl } from "@server/sandbox/control";
import type { FaultRule } from "@server/sandbox/faults";
import { api } from "@web/api/client";

// The simulated platforms' control API, relayed by Siar to admins (server/routes/api/sandbox).

/** What a citizen can send on the simulated platforms, by its control path. */
export const ACTIVITY_KINDS = ["facebook/comments", "facebook/messages", "instagram/comments", "x/mentions"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type Fault = FaultRule;
/** What the simulated platforms hold now (the sandbox's GET /_sandbox/published). */
export type Held = ReturnType<SandboxControl["published"]>;

export const sandboxApi = {
  inject: (kind: ActivityKind, body: { texts?: string[]; count?: number }) =>
    api.post<{ data: unknown[] }>(`/sandbox/${kind}`, body),
  faults: () => api.get<{ data: Fault[] }>("/sandbox/faults"),
  addFault: (fault: Pick<Fault, "platform" | "path"> & { status: number; times?: number }) =>
    api.post<Fault>("/sandbox/faults", fault),
  removeFault: (id: string) => api.delete(`/sandbox/faults/${encodeURIComponent(id)}`),
  clearFaults: () => api.delete("/sandbox/faults"),
  exhaust: (limit: { platform: "x"; endpoint: string } | { platform: "graph"; code: number }) =>
    api.post("/sandbox/rate-limits/exhaust", limit),
  resetRateLimits: () => api.delete("/sandbox/rate-limits"),
  held: () => api.get<Held>("/sandbox/published"),
};
