import { changedFields, recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { RoutingRule } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

export type RuleInput = { category: string | null; placeUnitId: string | null; unitId: string; priority: number };

async function assertUnits(services: Services, input: Partial<RuleInput>): Promise<void> {
  for (const field of ["unitId", "placeUnitId"] as const) {
    const id = input[field];
    if (!id) continue;
    const unit = await services.prisma.unit.findUnique({ where: { id }, select: { active: true } });
    if (!unit) throw new AppError("not_found", { field });
    if (!unit.active) throw new AppError("unit_inactive", { field });
  }
}

async function audit(
  services: Services,
  origin: ActingOrigin,
  rule: RoutingRule,
  action: string,
  changes: Record<string, unknown>,
) {
  await recordAudit(services.prisma, origin, {
    action: `routing_rule.${action}`,
    targetType: "RoutingRule",
    targetId: rule.id,
    unitId: rule.unitId,
    changes,
  });
  services.events.emit("routingRules.changed", {});
}

/** Routing rules decide which unit owns a new item; changes apply to items arriving from now on. */
export async function createRoutingRule(
  services: Services,
  { origin, rule: input }: { origin: ActingOrigin; rule: RuleInput },
): Promise<RoutingRule> {
  await assertUnits(services, input);
  const rule = await services.prisma.routingRule.create({ data: input });
  await audit(services, origin, rule, "create", { ...input });
  return rule;
}

export async function updateRoutingRule(
  services: Services,
  { origin, ruleId: id, changes: input }: { origin: ActingOrigin; ruleId: string; changes: Partial<RuleInput> },
): Promise<RoutingRule> {
  const before = await services.prisma.routingRule.findUnique({ where: { id } });
  if (!before) throw new AppError("not_found");
  await assertUnits(services, input);
  const rule = await services.prisma.routingRule.update({ where: { id }, data: input });
  await audit(services, origin, rule, "update", changedFields(before, input));
  return rule;
}

export async function deleteRoutingRule(
  services: Services,
  { origin, ruleId: id }: { origin: ActingOrigin; ruleId: string },
): Promise<void> {
  const rule = await services.prisma.routingRule.findUnique({ where: { id } });
  if (!rule) throw new AppError("not_found");
  await services.prisma.routingRule.delete({ where: { id } });
  await audit(services, origin, rule, "delete", {
    category: rule.category,
    placeUnitId: rule.placeUnitId,
    unitId: rule.unitId,
    priority: rule.priority,
  });
}
