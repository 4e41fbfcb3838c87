import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config.js";
import { startSiar } from "../../server/server.js";
import { signedIn } from "../helpers/client.js";

// `npm run bench`: request latency of the foundation's API on the embedded database (or on
// DATABASE_URL when set), printed as figures. Later benchmarks (publishing, inbox, dashboard)
// join this file's list.

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(label: string, count: number, call: () => Promise<{ status: number }>): Promise<void> {
  const timings: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const { status } = await call();
    if (status >= 400) throw new Error(`${label}: HTTP ${status}`);
    timings.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} n=${String(count).padStart(4)}  p50 ${percentile(timings, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(timings, 95).toFixed(1).padStart(6)} ms  ${(count / seconds).toFixed(0).padStart(5)} req/s`,
  );
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-bench-"));
const siar = await startSiar(loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", SIAR_DATA_DIR: dataDir, LOG_LEVEL: "silent", SIAR_DEMO: "true", LOGIN_RATE_LIMIT_PER_IP: "100000" }));
try {
  console.log(`Siar API benchmark on ${siar.services.db.kind}`);
  const admin = await signedIn(siar.url, "admin@sanggau.demo");
  const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  await measure("GET /api/auth/session", 500, () => admin.get("/api/auth/session"));
  await measure("GET /api/units (admin, all)", 500, () => admin.get("/api/units?limit=1000"));
  await measure("GET /api/units (officer, scoped)", 500, () => officer.get("/api/units?limit=1000"));
  await measure("GET /api/users (officer, scoped)", 500, () => officer.get("/api/users"));
  await measure("GET /api/audit-events (admin)", 300, () => admin.get("/api/audit-events?limit=50"));
  let n = 0;
  await measure("PATCH /api/units/:id (audited)", 200, async () => {
    const unit = (await admin.get("/api/units?type=desa&limit=1")).body.data[0];
    return admin.patch(`/api/units/${unit.id}`, { name: `Desa Bench ${n++}` });
  });
  await measure("POST /api/auth/login (argon2id)", 30, () => admin.login("admin@sanggau.demo"));
} finally {
  await siar.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
