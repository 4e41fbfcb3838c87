import { auditRow, recordAudit, type Origin } from "@server/audit/record.js";
import { Prisma } from "@server/db/client.js";
import { dayIn } from "@server/ppid/dip/dates.js";
import { publicPostWhere, publishedOnWebsite } from "@server/publishing/postStatus.js";
import { excerpt } from "@server/routes/public/text.js";
import type { Services } from "@server/services.js";
import { isUniqueViolation } from "@server/db/errors.js";

// What the DIP does by itself: an announcement marked serta-merta joins its unit's DIP once it is
// public on the website (and leaves it when withdrawn), and the end of an exception is audited.
// Both claim their work in the database, so every process may run them.

const SERTA_MERTA_ORIGIN: Origin = { actor: null, label: "system (serta-merta)" };
const EXEMPTION_ORIGIN: Origin = { actor: null, label: "system (exemption expiry)" };

/** How long a serta-merta announcement is kept on the list, as the DIP's retention column says it. */
export const SERTA_MERTA_RETENTION = "Selama informasi masih berlaku";

/**
 * Makes the serta-merta entry of every public announcement marked so that has none (of `postId`
 * only, when given), and withdraws the entries of announcements that were withdrawn.
 * Returns how many entries were made and withdrawn.
 */
export async function syncSertaMertaEntries(
  services: Services,
  { postId }: { postId?: string } = {},
): Promise<{ made: number; withdrawn: number }> {
  const { prisma } = services;
  const posts = await prisma.post.findMany({
    where: { ...publicPostWhere, sertaMerta: true, dipItem: null, ...(postId ? { id: postId } : {}) },
    include: {
      unit: { select: { name: true, timezone: true } },
      deliveries: { where: publishedOnWebsite, orderBy: { publishedAt: "asc" }, take: 1 },
    },
  });
  let made = 0;
  for (const post of posts) {
    const publishedAt = post.deliveries[0]?.publishedAt ?? post.publishedAt ?? new Date();
    const day = dayIn(publishedAt, post.unit.timezone);
    try {
      await prisma.$transaction(async (tx) => {
        const item = await tx.dipItem.create({
          data: {
            unitId: post.unitId,
            class: "serta_merta",
            title: post.title,
            summary: excerpt(post.body, 500),
            responsibleOfficial: post.unit.name,
            madeOn: new Date(day),
            year: Number(day.slice(0, 4)),
            formats: ["softcopy"],
            retention: SERTA_MERTA_RETENTION,
            status: "published",
            publishedAt,
            postId: post.id,
          },
        });
        await recordAudit(tx, SERTA_MERTA_ORIGIN, {
          action: "dip_item.serta_merta_from_post",
          targetType: "DipItem",
          targetId: item.id,
          unitId: post.unitId,
          changes: { postId: post.id, title: post.title },
        });
      });
      made++;
    } catch (error) {
      // Another process made it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const withdrawn = await withdrawEntriesOfWithdrawnPosts(services, postId);
  return { made, withdrawn };
}

async function withdrawEntriesOfWithdrawnPosts(services: Services, postId?: string): Promise<number> {
  // Most posts' changes concern no entry: a read, not a transaction, says so.
  const affected = await services.prisma.dipItem.count({
    where: { status: "published", post: { status: "withdrawn", ...(postId ? { id: postId } : {}) } },
  });
  if (affected === 0) return 0;
  const withdrawn = await services.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; unitId: string; postId: string }[]>(Prisma.sql`
      UPDATE "DipItem" i SET "status" = 'withdrawn', "withdrawnAt" = ${new Date()},
        "withdrawalReason" = 'Pengumuman ditarik', "updatedAt" = ${new Date()}
      FROM "Post" p
      WHERE p."id" = i."postId" AND p."status" = 'withdrawn' AND i."status" = 'published'
        ${postId ? Prisma.sql`AND p."id" = ${postId}::uuid` : Prisma.empty}
      RETURNING i."id", i."unitId", i."postId"`);
    if (rows.length > 0)
      await tx.auditEvent.createMany({
        data: rows.map((row) =>
          auditRow(SERTA_MERTA_ORIGIN, {
            action: "dip_item.withdraw",
            targetType: "DipItem",
            targetId: row.id,
            unitId: row.unitId,
            changes: { status: { from: "published", to: "withdrawn" }, reason: "post_withdrawn", postId: row.postId },
          }),
        ),
      });
    return rows;
  });
  for (const unitId of new Set(withdrawn.map((row) => row.unitId))) services.events.emit("ppid.changed", { unitId });
  return withdrawn.length;
}

/**
 * Audits, once each, the excepted entries whose exception has ended by `now`: from that moment
 * they are on the public list (decided at read time), and the record says when and why.
 */
export async function recordEndedExemptions(services: Services, now = new Date()): Promise<number> {
  const ended = await services.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string; unitId: string; exemptionEndsAt: Date; exemptionLetter: string | null; status: string }[]
    >(
      Prisma.sql`
      UPDATE "DipItem" SET "exemptionEndRecordedAt" = ${now}
      WHERE "class" = 'dikecualikan' AND "exemptionEndsAt" <= ${now} AND "exemptionEndRecordedAt" IS NULL
      RETURNING "id", "unitId", "exemptionEndsAt", "exemptionLetter", "status"::text AS "status"`,
    );
    if (rows.length > 0)
      await tx.auditEvent.createMany({
        data: rows.map((row) =>
          auditRow(EXEMPTION_ORIGIN, {
            action: "dip_item.exemption_ended",
            targetType: "DipItem",
            targetId: row.id,
            unitId: row.unitId,
            changes: {
              exemptionEndsAt: row.exemptionEndsAt,
              exemptionLetter: row.exemptionLetter,
              nowPublic: row.status === "published",
            },
          }),
        ),
      });
    return rows;
  });
  for (const unitId of new Set(ended.map((row) => row.unitId))) services.events.emit("ppid.changed", { unitId });
  return ended.length;
}
