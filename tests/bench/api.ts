import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "@server/config.js";
import { startSiar } from "@server/server.js";
import { temporaryDatabase } from "../crash/fixture.js";
import { signedIn } from "../helpers/client.js";
import { percentile, printTable, type Row } from "./table.js";

// Request latency of the foundation's API on the embedded database, or on a fresh database of
// the PostgreSQL server named by DATABASE_URL.

async function measure(label: string, count: number, call: () => Promise<{ status: number }>): Promise<Row> {
  const timings: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const { status } = await call();
    if (status >= 400) throw new Error(`${label}: HTTP ${status}`);
    timings.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    request: label,
    n: count,
    "p50 ms": percentile(timings, 50).toFixed(1),
    "p95 ms": percentile(timings, 95).toFixed(1),
    "req/s": Math.round(count / elapsed),
  };
}

export async function apiBenchmark(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-bench-"));
  const database = process.env.DATABASE_URL ? await temporaryDatabase(process.env.DATABASE_URL) : null;
  const env = {
    ...process.env,
    ...database?.env,
    PORT: "0",
    HOST: "127.0.0.1",
    SIAR_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SIAR_DEMO: "true",
    SIAR_SANDBOX: "false",
    LOGIN_RATE_LIMIT_PER_IP: "100000",
  };
  const siar = await startSiar(loadConfig(env)).catch(async (error: unknown) => {
    await database?.drop();
    throw error;
  });
  try {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const rows = [
      await measure("GET /api/auth/session", 500, () => admin.get("/api/auth/session")),
      await measure("GET /api/units (admin, all)", 500, () => admin.get("/api/units?limit=1000")),
      await measure("GET /api/units (officer, scoped)", 500, () => officer.get("/api/units?limit=1000")),
      await measure("GET /api/users (officer, scoped)", 500, () => officer.get("/api/users")),
      await measure("GET /api/audit-events (admin)", 300, () => admin.get("/api/audit-events?limit=50")),
    ];
    let n = 0;
    rows.push(
      await measure("PATCH /api/units/:id (audited)", 200, async () => {
        const unit = (await admin.get("/api/units?type=desa&limit=1")).body.data[0];
        return admin.patch(`/api/units/${unit.id}`, { name: `Desa Bench ${n++}` });
      }),
    );
    rows.push(await measure("POST /api/auth/login (argon2id)", 30, () => admin.login("admin@sanggau.demo")));
    printTable(`API request latency on ${siar.services.db.kind}`, rows);
  } finally {
    await siar.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
