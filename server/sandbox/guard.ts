/** The sandbox must never stand in for real platforms in production unless someone explicitly enabled it. */
export function assertSandboxAllowed({ nodeEnv, enabled }: { nodeEnv: string | undefined; enabled?: boolean }): void {
  if (nodeEnv === "production" && enabled !== true) {
    throw new Error("The platform sandbox is disabled in production; enable it explicitly to use it");
  }
}
