import type { Prisma, PrismaClient } from "@server/db/client.js";

/**
 * Runs one figure query with settings for aggregating long periods: room to sort in memory
 * (percentiles over a year sort hundreds of thousands of values, which the default 4 MB of
 * work_mem would spill to disk), no JIT compilation (PostgreSQL would spend longer compiling
 * these wide aggregates than running them), and the cost of a random read of a database on SSD
 * or in memory: with the default (4, for spinning disks) the planner scans a whole period's index
 * rather than fetch the few thousand items of a unit or category by their own index.
 */
export async function figureQuery<Row>(prisma: PrismaClient, query: Prisma.Sql): Promise<Row[]> {
  return prisma.$transaction(async (tx) => {
    // SET LOCAL, three at once: one round trip.
    await tx.$queryRaw`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)`;
    return tx.$queryRaw<Row[]>(query);
  });
}
