import { recordAudit } from "@server/audit/record.js";
import { DEFAULT_SERVICE_LEVEL_POLICIES, escalationStep, slaState } from "@server/deadlines/policies.js";
import type { Services } from "@server/services.js";
import { CLOSED_STATUSES } from "./lifecycle.js";

const SYSTEM = { actor: null, label: "system (deadlines)" } as const;
// Look this far ahead for deadlines about to pass: the longest warning window of the policies.
const LOOKAHEAD_MS = Math.max(...DEFAULT_SERVICE_LEVEL_POLICIES.map((p) => p.warnBeforeMinutes)) * 60_000;

type Clock = "first_response" | "resolution";

/**
 * Watches the response deadlines of open items: warns once before a deadline passes, then
 * escalates step by step after it has passed — to the unit's head (its leaders), then to
 * Kominfo — each step recorded once on the timeline and in the audit log, and pushed live.
 */
export class DeadlineWatch {
  constructor(private readonly services: Services) {}

  async sweep(now = new Date()): Promise<{ warned: number; escalated: number }> {
    const { prisma } = this.services;
    const horizon = new Date(now.getTime() + LOOKAHEAD_MS);
    const items = await prisma.inboxItem.findMany({
      where: {
        status: { notIn: CLOSED_STATUSES },
        mergedIntoId: null,
        OR: [
          { firstRespondedAt: null, firstResponseDueAt: { lte: horizon } },
          { resolvedAt: null, resolutionDueAt: { lte: horizon } },
        ],
      },
      select: {
        id: true,
        unitId: true,
        slaPolicy: true,
        escalationLevel: true,
        firstRespondedAt: true,
        firstResponseDueAt: true,
        resolutionDueAt: true,
      },
      take: 1000,
    });
    let warned = 0;
    let escalated = 0;
    for (const item of items) {
      const policy = DEFAULT_SERVICE_LEVEL_POLICIES.find((p) => p.id === item.slaPolicy);
      // The clock still running: the first response until someone answers, then the resolution.
      const clock: Clock = item.firstRespondedAt ? "resolution" : "first_response";
      const dueAt = clock === "first_response" ? item.firstResponseDueAt : item.resolutionDueAt;
      if (!policy || !dueAt) continue;
      if (
        slaState(now, dueAt, policy.warnBeforeMinutes) === "warning" &&
        (await this.firstTime(item.id, "sla_warning", clock))
      ) {
        await this.record(item, "sla_warning", { clock, dueAt });
        warned += 1;
      }
      const step = escalationStep(now, dueAt, policy);
      if (step && step.step > item.escalationLevel) {
        const { count } = await prisma.inboxItem.updateMany({
          where: { id: item.id, escalationLevel: item.escalationLevel },
          data: { escalationLevel: step.step },
        });
        // Another process took this step already.
        if (count === 0) continue;
        await this.record(item, "escalated", { clock, dueAt, step: step.step, to: step.to });
        this.services.events.emit("inbox.escalated", { itemId: item.id, to: step.to, unitId: item.unitId });
        escalated += 1;
      }
    }
    return { warned, escalated };
  }

  private async firstTime(itemId: string, type: string, clock: Clock): Promise<boolean> {
    const existing = await this.services.prisma.inboxEvent.findFirst({
      where: { itemId, type, data: { path: ["clock"], equals: clock } },
      select: { id: true },
    });
    return !existing;
  }

  private async record(
    item: { id: string; unitId: string | null },
    type: "sla_warning" | "escalated",
    data: Record<string, unknown>,
  ) {
    await this.services.prisma.$transaction(async (tx) => {
      await tx.inboxEvent.create({ data: { itemId: item.id, type, data: JSON.parse(JSON.stringify(data)) } });
      await recordAudit(tx, SYSTEM, {
        action: `inbox.${type}`,
        targetType: "InboxItem",
        targetId: item.id,
        unitId: item.unitId,
        changes: data,
      });
    });
    this.services.events.emit("inbox.itemChanged", { itemId: item.id });
  }
}
