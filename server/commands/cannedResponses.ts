import { changedFields, recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { CannedResponse } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { unknownVariables } from "@server/inbox/cannedResponses.js";
import type { Services } from "@server/services.js";

export type CannedResponseInput = { title: string; body: string; unitId: string | null; language: string };

async function check(services: Services, input: Partial<CannedResponseInput>): Promise<void> {
  const unknown = input.body === undefined ? [] : unknownVariables(input.body);
  if (unknown.length > 0) throw new AppError("unknown_template_variable", { field: "body", variables: unknown });
  if (input.unitId) {
    const unit = await services.prisma.unit.findUnique({ where: { id: input.unitId }, select: { active: true } });
    if (!unit) throw new AppError("not_found", { field: "unitId" });
    if (!unit.active) throw new AppError("unit_inactive", { field: "unitId" });
  }
}

/** A change to one canned response and its audit record, committed together. */
async function auditedChange(
  services: Services,
  origin: ActingOrigin,
  action: string,
  change: (tx: Prisma.TransactionClient) => Promise<{ response: CannedResponse; changes: Record<string, unknown> }>,
) {
  return services.prisma.$transaction(async (tx) => {
    const { response, changes } = await change(tx);
    await recordAudit(tx, origin, {
      action: `canned_response.${action}`,
      targetType: "CannedResponse",
      targetId: response.id,
      unitId: response.unitId,
      changes,
    });
    return response;
  });
}

export async function createCannedResponse(
  services: Services,
  { origin, template: input }: { origin: ActingOrigin; template: CannedResponseInput },
): Promise<CannedResponse> {
  await check(services, input);
  return auditedChange(services, origin, "create", async (tx) => ({
    response: await tx.cannedResponse.create({ data: input }),
    changes: { ...input },
  }));
}

export async function updateCannedResponse(
  services: Services,
  {
    origin,
    templateId: id,
    changes: input,
  }: { origin: ActingOrigin; templateId: string; changes: Partial<CannedResponseInput> },
): Promise<CannedResponse> {
  await check(services, input);
  return auditedChange(services, origin, "update", async (tx) => {
    const before = await tx.cannedResponse.findUnique({ where: { id } });
    if (!before) throw new AppError("not_found");
    return {
      response: await tx.cannedResponse.update({ where: { id }, data: input }),
      changes: changedFields(before, input),
    };
  });
}

export async function deleteCannedResponse(
  services: Services,
  { origin, templateId: id }: { origin: ActingOrigin; templateId: string },
): Promise<void> {
  await auditedChange(services, origin, "delete", async (tx) => {
    const response = await tx.cannedResponse.findUnique({ where: { id } });
    if (!response) throw new AppError("not_found");
    await tx.cannedResponse.delete({ where: { id } });
    return {
      response,
      changes: { title: response.title, body: response.body, unitId: response.unitId, language: response.language },
    };
  });
}
