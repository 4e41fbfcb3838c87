import { describe, expect, it } from "vitest";
import { signedIn } from "../helpers/client.js";
import { startTestSiarsOnPostgres } from "../helpers/siar.js";

// Several server processes share one PostgreSQL in production; PGlite is single-process by design.
describe.skipIf(!process.env.DATABASE_URL)("several server processes on one PostgreSQL", () => {
  it("start together on an empty database: migrations and demo data are applied exactly once", async () => {
    const servers = await startTestSiarsOnPostgres(3);
    try {
      const prisma = servers[0]!.services.prisma;
      expect(await prisma.unit.count({ where: { type: "kabupaten" } })).toBe(1);
      expect(await prisma.user.count({ where: { email: "admin@sanggau.demo" } })).toBe(1);
      // A session opened on one process is valid on the others.
      const client = await signedIn(servers[0]!.url, "admin@sanggau.demo");
      for (const other of servers.slice(1)) {
        const response = await fetch(`${other.url}/api/auth/session`, { headers: { cookie: client.cookie! } });
        expect(response.status).toBe(200);
      }
    } finally {
      for (const server of servers) await server.close();
    }
  });
});
