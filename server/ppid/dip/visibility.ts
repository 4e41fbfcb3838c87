import { Prisma } from "@server/db/client.js";
import type { DipClass } from "@server/db/generated/enums.js";

// Whether a DIP entry is on the public list, on the excepted list, or neither, decided at read
// time so that an exception that ends puts its entry back on the public list at that moment (the
// exemption-expiry job only audits it). The same rules in SQL (lists) and in code (one entry).

type Exemptible = { class: DipClass; exemptionEndsAt: Date | null };
type Listed = Exemptible & { status: string };

/** Excepted now: an excepted entry whose exception has not ended (one without an end is excepted until it gets one). */
export function isExceptedNow(item: Exemptible, now = new Date()): boolean {
  return item.class === "dikecualikan" && (item.exemptionEndsAt === null || item.exemptionEndsAt > now);
}

/** An excepted entry whose exception has ended counts as available at any time (Pasal 11). */
export function effectiveClass(item: Exemptible, now = new Date()): DipClass {
  return item.class === "dikecualikan" && !isExceptedNow(item, now) ? "setiap_saat" : item.class;
}

/** On the public list: published, and not excepted now. */
export function isPublicNow(item: Listed, now = new Date()): boolean {
  return item.status === "published" && !isExceptedNow(item, now);
}

/** On the excepted list: published, and excepted now. */
export function isOnExceptedList(item: Listed, now = new Date()): boolean {
  return item.status === "published" && isExceptedNow(item, now);
}

/** The SQL of isExceptedNow over the "DipItem" row aliased `i`. */
export function exceptedNowSql(now: Date): Prisma.Sql {
  return Prisma.sql`(i."class" = 'dikecualikan' AND (i."exemptionEndsAt" IS NULL OR i."exemptionEndsAt" > ${now}))`;
}

/** The SQL of effectiveClass = `dipClass`. */
export function effectiveClassSql(dipClass: DipClass, now: Date): Prisma.Sql {
  if (dipClass === "dikecualikan") return exceptedNowSql(now);
  const own = Prisma.sql`i."class" = ${dipClass}::"DipClass"`;
  if (dipClass !== "setiap_saat") return own;
  return Prisma.sql`(${own} OR (i."class" = 'dikecualikan' AND i."exemptionEndsAt" <= ${now}))`;
}
