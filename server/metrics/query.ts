import type { Prisma, PrismaClient } from "../db/client.js";

/**
 * Runs one figure query with settings for aggregating long periods: room to sort in memory
 * (percentiles over a year sort hundreds of thousands of values, which the default 4 MB of
 * work_mem would spill to disk) and no JIT compilation (PostgreSQL would spend longer compiling
 * these wide aggregates than running them).
 */
export async function figureQuery<Row>(prisma: PrismaClient, query: Prisma.Sql): Promise<Row[]> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<Row[]>(query);
  });
}
