import { type ActingOrigin, recordAudit } from "@server/audit/record.js";
import type { PlatformPrice } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

/** Sets what X charges for one billed item (X changes its prices; Siar's estimates follow). */
export async function updatePlatformPrice(
  services: Services,
  { origin, item, unitPriceMicros }: { origin: ActingOrigin; item: string; unitPriceMicros: number },
): Promise<PlatformPrice> {
  return services.prisma.$transaction(async (tx) => {
    const before = await tx.platformPrice.findUnique({ where: { item } });
    if (!before) throw new AppError("not_found", { field: "item" });
    const updated = await tx.platformPrice.update({
      where: { item },
      data: { unitPriceMicros, updatedById: origin.actor.id },
    });
    await recordAudit(tx, origin, {
      action: "platform_price.update",
      targetType: "PlatformPrice",
      targetId: item,
      changes: { unitPriceMicros: { from: before.unitPriceMicros, to: unitPriceMicros } },
    });
    return updated;
  });
}
