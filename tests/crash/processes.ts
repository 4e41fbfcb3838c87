import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

// Real Siar server processes, each in a process group of its own so that a kill takes the whole
// group (tsx's loader included) and nothing outlives the test.

export type SiarProcess = {
  pid: number;
  url: string;
  /** Its publishing worker's id: the "leaseOwner" of every delivery it claims. */
  workerId: string;
  /** kill -9 of the whole process group; resolves once the process is gone. */
  kill(): Promise<void>;
};

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ENTRY = "tests/crash/siarProcess.ts";
const READY_TIMEOUT_MS = 30_000;
/** Each live process and the promise of its exit. */
const running = new Map<ChildProcess, Promise<void>>();

export async function spawnSiar(env: Record<string, string>): Promise<SiarProcess> {
  // Only what the process needs: the parent's own settings (vitest's among them) stay out.
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  running.set(child, exited);
  void exited.then(() => running.delete(child));
  const kill = async () => {
    killGroup(child);
    await exited;
  };

  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  try {
    const ready = await readyLine(child, exited, () => stderr);
    return { pid: child.pid!, url: ready.url, workerId: ready.workerId, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}

function readyLine(
  child: ChildProcess,
  exited: Promise<void>,
  stderr: () => string,
): Promise<{ url: string; workerId: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Siar did not start within ${READY_TIMEOUT_MS} ms:\n${stderr()}`)),
      READY_TIMEOUT_MS,
    );
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split("\n").find((l) => l.startsWith('{"ready":true'));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Siar exited before it was ready (exit code ${child.exitCode}):\n${stderr()}`));
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Kills every server process still running; also called when the parent exits. */
export async function killAllSiarProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(async ([child, exited]) => {
      killGroup(child);
      await exited;
    }),
  );
}

process.once("exit", () => {
  for (const child of running.keys()) killGroup(child);
});
