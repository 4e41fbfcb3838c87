import { loadConfig } from "@server/config.js";
import { startSiar } from "@server/server.js";

// A real Siar server process for the crash test and the benchmarks: configured by the
// environment like `npm run serve`, it prints one line once it is listening, naming its URL and
// its publishing worker's id (the "leaseOwner" of the deliveries it claims), so the parent
// knows when it is ready and which claims are its.
const siar = await startSiar(loadConfig());
process.stdout.write(`${JSON.stringify({ ready: true, url: siar.url, workerId: siar.worker.id, pid: process.pid })}\n`);
process.once("SIGTERM", () => void siar.close().then(() => process.exit(0)));
